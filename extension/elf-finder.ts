// Finds ARM ELF executables in the workspace for a launch configuration offered without launch.json.
// ELF header layout: ELF32 e_ident (EI_MAG "\x7fELF", EI_CLASS 1) and e_machine 40 (EM_ARM).

import * as vscode from 'vscode';

/** Is this the start of a 32-bit ARM executable? (first 20 bytes suffice). */
export function isArmElf(head: Uint8Array): boolean {
  if (head.length < 20) return false;
  if (head[0] !== 0x7f || head[1] !== 0x45 || head[2] !== 0x4c || head[3] !== 0x46) return false;
  if (head[4] !== 1) return false; // ELFCLASS32
  const machine = head[5] === 2 ? (head[18] << 8) | head[19] : head[18] | (head[19] << 8);
  return machine === 40;
}

/** ELF candidates, best first: `*.elf` outside build folders before those inside, then shorter paths. */
export async function findElfs(folder: vscode.WorkspaceFolder | undefined, limit = 20): Promise<vscode.Uri[]> {
  const include = folder ? new vscode.RelativePattern(folder, '**/*.{elf,axf,out}') : '**/*.{elf,axf,out}';
  const found = await vscode.workspace.findFiles(include, '**/node_modules/**', 200);
  const ok: vscode.Uri[] = [];
  for (const uri of found) {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (isArmElf(bytes.subarray(0, 20))) ok.push(uri);
    } catch {
      // unreadable: skip
    }
    if (ok.length >= limit) break;
  }
  const rank = (u: vscode.Uri): number => (/\/(build|out|obj)\//.test(u.path) ? 1000 : 0) + u.path.length;
  return ok.sort((a, b) => rank(a) - rank(b));
}
