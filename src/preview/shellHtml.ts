import * as vscode from 'vscode';
import type { PreviewState } from './protocol';

/**
 * The page the preview webview loads once; every render after that arrives as a message and is
 * patched into it. The Content Security Policy allows nothing by default: our one script by a
 * nonce new for each load, our stylesheet, images from the webview's resource origin (local
 * files through `asWebviewUri`), https: and small data: images. Post content cannot add a
 * script, a stylesheet, a frame, a font or a connection.
 */
export function previewShellHtml(webview: vscode.Webview, extensionUri: vscode.Uri, state: PreviewState, options: { terminal?: boolean } = {}): string {
  const nonce = randomNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'preview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'preview.css'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} https: data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style.toString()}">
<title>DevOps Notes Preview</title>
</head>
<body${options.terminal === false ? ' class="dn-no-terminal"' : ''}>
<div id="dn-preview-root" data-state="${escapeAttribute(JSON.stringify(state))}"><main id="dn-preview-content" class="dn-content"><p class="dn-loading">Rendering…</p></main></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** 16 random bytes in base64, from Web Crypto: Node 20 and web workers both have it. */
function randomNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
