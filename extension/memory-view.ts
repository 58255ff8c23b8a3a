// Opens guest memory at an address in a named space (guest-va, ipa, hyp-va, phys): in the Hex
// Editor's debug-memory view when installed, else as a read-only hex dump from DAP readMemory.

import * as vscode from 'vscode';
import { readMemory } from './adapter-client';

export const MEMORY_SCHEME = 'hypscope-memory';
const HEX_EDITOR = 'ms-vscode.hexeditor';
const DUMP_BYTES = 512;

export function memoryReference(space: string, address: number): string {
  return `${space}:0x${(address >>> 0).toString(16).padStart(8, '0')}`;
}

export class MemoryDumpProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [sessionId, ref] = [uri.authority, decodeURIComponent(uri.path.slice(1))];
    const session = sessionById(sessionId);
    if (!session) return `hypscope: the debug session of ${ref} has ended.\n`;
    const m = /^(\w[\w-]*):0x([0-9a-f]+)$/i.exec(ref);
    const base = m ? parseInt(m[2], 16) : 0;
    const r = await readMemory(session, ref, DUMP_BYTES);
    if (!r.ok) return `hypscope: cannot read ${ref}: ${r.error}\n`;
    const lines = [`${ref}  (${r.value.length} bytes read; refresh with the command "hypscope: Show Memory")`, ''];
    for (let off = 0; off < r.value.length; off += 16) {
      const row = r.value.subarray(off, off + 16);
      const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
      const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
      lines.push(`${((base + off) >>> 0).toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
    }
    if (r.value.length < DUMP_BYTES) lines.push('', `(${DUMP_BYTES - r.value.length} bytes unreadable: not mapped in ${m?.[1] ?? 'this space'})`);
    return lines.join('\n') + '\n';
  }

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }
}

function sessionById(id: string): vscode.DebugSession | undefined {
  const a = vscode.debug.activeDebugSession;
  return a && a.id === id ? a : undefined;
}

export async function openMemory(session: vscode.DebugSession, space: string, address: number, dump: MemoryDumpProvider): Promise<void> {
  const ref = memoryReference(space, address);
  if (vscode.extensions.getExtension(HEX_EDITOR)) {
    // The debug memory file system VS Code offers to the Hex Editor (used by "View Binary Data").
    const uri = vscode.Uri.from({ scheme: 'vscode-debug-memory', authority: session.id, path: `/${encodeURIComponent(ref)}`, query: `?range=0:${DUMP_BYTES}` });
    await vscode.commands.executeCommand('vscode.openWith', uri, 'hexEditor.hexedit');
    return;
  }
  const uri = vscode.Uri.from({ scheme: MEMORY_SCHEME, authority: session.id, path: `/${encodeURIComponent(ref)}` });
  dump.refresh(uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}
