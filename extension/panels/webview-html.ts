// HTML shell of the hypscope webviews: strict Content-Security-Policy (nonce script, no remote
// content, no inline styles), theme colours through VS Code's CSS variables.

import * as crypto from 'node:crypto';
import * as vscode from 'vscode';

export function nonce(): string {
  return crypto.randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

/** Local resources a webview may load: the bundled scripts and the style sheets. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'extension', 'webview')];
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, opts: { title: string; script: string; style: string; body: string }): string {
  const n = nonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', opts.script));
  const common = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'extension', 'webview', 'common.css'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'extension', 'webview', opts.style));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${n}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${common}">
<link rel="stylesheet" href="${style}">
<title>${opts.title}</title>
</head>
<body>
${opts.body}
<script nonce="${n}" src="${script}"></script>
</body>
</html>`;
}
