// Entry point of the hypscope VS Code extension: the debug type's configuration provider, the
// Stage-2 and Exceptions panels, the mode/VMID status bar, and hovers for ARM system registers.

import * as vscode from 'vscode';
import { DEBUG_TYPE, HypscopeConfigurationProvider } from './config-provider';
import { SessionTracker } from './session-tracker';
import { ModeStatusBar } from './status-bar';
import { SysRegHoverProvider } from './sysreg-hover';
import { Stage2Panel } from './panels/stage2-panel';
import { ExceptionsPanel } from './panels/exceptions-panel';
import { MEMORY_SCHEME, MemoryDumpProvider, openMemory } from './memory-view';
import type { TranslateSpace } from './protocol';

export function activate(ctx: vscode.ExtensionContext): void {
  const tracker = new SessionTracker();
  const dump = new MemoryDumpProvider();
  const showMemory = (space: string, address: number): void => {
    const s = tracker.session;
    if (!s) {
      void vscode.window.showWarningMessage('hypscope: no paused hypscope session to read memory from.');
      return;
    }
    void openMemory(s, space, address, dump);
  };

  const provider = new HypscopeConfigurationProvider();
  ctx.subscriptions.push(
    tracker,
    new ModeStatusBar(tracker),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, provider, vscode.DebugConfigurationProviderTriggerKind.Initial),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, { resolveDebugConfiguration: (f, c) => provider.resolveDebugConfiguration(f, c) }),
    vscode.workspace.registerTextDocumentContentProvider(MEMORY_SCHEME, dump),
    vscode.languages.registerHoverProvider([{ language: 'arm-asm' }, { language: 'c' }, { language: 'cpp' }], new SysRegHoverProvider(tracker)),
    vscode.commands.registerCommand('hypscope.openStage2', () => Stage2Panel.show(ctx, tracker, showMemory)),
    vscode.commands.registerCommand('hypscope.openExceptions', () => ExceptionsPanel.show(ctx, tracker)),
    vscode.commands.registerCommand('hypscope.translateAddress', () => translateCommand(ctx, tracker, showMemory)),
    vscode.commands.registerCommand('hypscope.showMemory', async (space?: string, address?: number) => {
      if (space === undefined || address === undefined) {
        const text = await vscode.window.showInputBox({ prompt: 'Memory reference: space:0xADDR (guest-va, ipa, hyp-va, phys)', value: 'ipa:0x40000000' });
        const m = text ? /^(guest-va|ipa|hyp-va|phys):\s*(0x[0-9a-f]+|\d+)$/i.exec(text.trim()) : null;
        if (!m) return;
        space = m[1];
        address = Number(m[2]);
      }
      showMemory(space, address);
    }),
  );
}

async function translateCommand(ctx: vscode.ExtensionContext, tracker: SessionTracker, showMemory: (space: string, address: number) => void): Promise<void> {
  if (!tracker.session) {
    void vscode.window.showWarningMessage('hypscope: start a hypscope debug session first.');
    return;
  }
  const text = await vscode.window.showInputBox({
    prompt: 'Address to translate (hex or decimal)',
    placeHolder: '0x40001000',
    validateInput: (v) => (/^\s*(0x[0-9a-f]{1,8}|\d{1,10})\s*$/i.test(v) && Number(v) <= 0xffffffff ? undefined : 'a 32-bit address, e.g. 0x40001000'),
  });
  if (!text) return;
  const spaces: { label: string; description: string; space: TranslateSpace }[] = [
    { label: 'guest-va', description: 'guest virtual address: stage 1 (guest tables) then stage 2', space: 'guest-va' },
    { label: 'ipa', description: 'intermediate physical address: stage 2 only', space: 'ipa' },
    { label: 'hyp-va', description: 'Hyp virtual address: Hyp stage 1 (HTTBR)', space: 'hyp-va' },
  ];
  const pick = await vscode.window.showQuickPick(spaces, { placeHolder: 'Address space' });
  if (!pick) return;
  Stage2Panel.show(ctx, tracker, showMemory).walk(Number(text.trim()), pick.space);
}

export function deactivate(): void {
  // Everything is in ctx.subscriptions.
}
