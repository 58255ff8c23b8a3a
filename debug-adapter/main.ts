// Entry point of the hypscope debug adapter: DAP over stdio by default, or a TCP server with
// `--server=PORT` (tests, attaching a client by hand). DebugSession.run handles both.

import { DebugSession } from '@vscode/debugadapter';
import { HypscopeSession } from './session';

DebugSession.run(HypscopeSession);
