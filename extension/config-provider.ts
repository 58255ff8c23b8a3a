// The hypscope debug configuration provider: initial launch.json contents and a ready configuration
// when the user presses F5 with no launch.json (VS Code DebugConfigurationProvider API).

import * as vscode from 'vscode';
import { findElfs } from './elf-finder';

export const DEBUG_TYPE = 'hypscope';

function programPath(folder: vscode.WorkspaceFolder | undefined, uri: vscode.Uri): string {
  if (folder && uri.path.startsWith(folder.uri.path + '/')) return '${workspaceFolder}' + uri.path.slice(folder.uri.path.length);
  return uri.fsPath;
}

export function launchConfig(program: string): vscode.DebugConfiguration {
  return { type: DEBUG_TYPE, request: 'launch', name: 'hypscope: debug the hypervisor', program, stopOnEntry: true };
}

export class HypscopeConfigurationProvider implements vscode.DebugConfigurationProvider {
  async provideDebugConfigurations(folder: vscode.WorkspaceFolder | undefined): Promise<vscode.DebugConfiguration[]> {
    const elfs = await findElfs(folder);
    if (elfs.length === 0) return [launchConfig('${workspaceFolder}/build/hypervisor.elf')];
    return elfs.slice(0, 4).map((u) => launchConfig(programPath(folder, u)));
  }

  async resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    // F5 without launch.json: an empty configuration arrives. Offer the best ELF in the workspace.
    if (!config.type && !config.request && !config.name) {
      const elfs = await findElfs(folder);
      if (elfs.length === 0) {
        void vscode.window.showErrorMessage('hypscope: no ARM ELF file found in the workspace; build the hypervisor or add a launch configuration.');
        return undefined;
      }
      let pick = elfs[0];
      if (elfs.length > 1) {
        const chosen = await vscode.window.showQuickPick(elfs.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })), { placeHolder: 'ELF file to debug with hypscope' });
        if (!chosen) return undefined;
        pick = chosen.uri;
      }
      return launchConfig(pick.fsPath);
    }
    if (config.type === DEBUG_TYPE && !config.program) {
      void vscode.window.showErrorMessage('hypscope: the launch configuration needs a "program" (an ELF file).');
      return undefined;
    }
    return config;
  }
}
