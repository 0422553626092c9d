/**
 * Just enough of the `vscode` module to call the preview's own page builder
 * (`previewShellHtml` in src/preview/shellHtml.ts) outside VS Code, so the XSS suite loads the
 * page exactly as the webview does instead of a copy of it.
 */
import Module from 'node:module';

export class Uri {
  private constructor(readonly path: string) {}
  static file(path: string): Uri {
    return new Uri(path);
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri([base.path.replace(/\/+$/, ''), ...segments].join('/'));
  }
  toString(): string {
    return `file://${this.path}`;
  }
}

/** A webview whose resources are served from `origin`, mapping `/ext/<file>` to `<origin>/<file>`. */
export function fakeWebview(origin: string, extensionPath: string): { cspSource: string; asWebviewUri(uri: Uri): { toString(): string } } {
  return {
    cspSource: origin,
    asWebviewUri: (uri) => ({ toString: () => `${origin}/${uri.path.slice(extensionPath.length).replace(/^\/+/, '')}` }),
  };
}

type Resolve = (request: string, ...rest: unknown[]) => string;

/** Makes `require('vscode')` load this file. */
export function installVscodeStub(): void {
  const loader = Module as unknown as { _resolveFilename: Resolve };
  const original = loader._resolveFilename;
  if ((original as { stubbed?: boolean }).stubbed) return;
  const resolve: Resolve = function (this: unknown, request, ...rest) {
    return request === 'vscode' ? __filename : original.call(this, request, ...rest);
  };
  (resolve as { stubbed?: boolean }).stubbed = true;
  loader._resolveFilename = resolve;
}
