// Reveals a guest address in its source line, using the program's DWARF line table read with the
// emulator's own ELF and DWARF loaders (emulator/loader); falls back to the disassembly view.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseElf } from '../emulator/loader/elf';
import { LineMap } from '../emulator/loader/dwarf';

const cache = new Map<string, { mtime: number; lines: LineMap }>();

async function linesOf(program: string): Promise<LineMap | undefined> {
  const uri = vscode.Uri.file(program);
  try {
    const st = await vscode.workspace.fs.stat(uri);
    const hit = cache.get(program);
    if (hit && hit.mtime === st.mtime) return hit.lines;
    const bytes = await vscode.workspace.fs.readFile(uri);
    const lines = LineMap.fromElf(parseElf(bytes, program));
    cache.set(program, { mtime: st.mtime, lines });
    return lines;
  } catch {
    return undefined;
  }
}

/** The program path of a session's launch configuration, resolved against its cwd/workspace. */
export function sessionProgram(session: vscode.DebugSession): string | undefined {
  const p = session.configuration.program as unknown;
  if (typeof p !== 'string' || p === '') return undefined;
  if (path.isAbsolute(p)) return p;
  const base = (session.configuration.cwd as string | undefined) ?? session.workspaceFolder?.uri.fsPath ?? process.cwd();
  return path.resolve(base, p);
}

/** Open the source line of `address`; returns false when there is no line for it. */
export async function revealAddress(session: vscode.DebugSession, address: number): Promise<boolean> {
  const program = sessionProgram(session);
  const lines = program ? await linesOf(program) : undefined;
  const row = lines?.lookup(address >>> 0);
  if (row && !row.endSequence) {
    let file = row.file;
    if (!path.isAbsolute(file) && program) file = path.resolve(path.dirname(program), file);
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      const line = Math.max(0, row.line - 1);
      const range = new vscode.Range(line, 0, line, 0);
      const ed = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: range, preserveFocus: false });
      ed.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return true;
    } catch {
      // source not on disk: fall through
    }
  }
  await vscode.commands.executeCommand('debug.action.openDisassemblyView');
  void vscode.window.showInformationMessage(`hypscope: no source line for 0x${(address >>> 0).toString(16).padStart(8, '0')}; showing the disassembly.`);
  return false;
}
