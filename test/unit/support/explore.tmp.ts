import { tokenize } from './textmate';
(async () => {
  const show = (toks: any[]) => { for (const t of toks) console.log(t.line, JSON.stringify(t.text), t.scopes.slice(1).join(' ')); };
  show(await tokenize('source.dockerfile', [
    '# syntax=docker/dockerfile:1',
    '# check=skip=JSONArgsRecommended;error=true',
    '',
    '# a comment=x',
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
    'RUN --mount=type=cache,target=/root/.cache,sharing=locked,ro \\',
    '    --mount=type=secret,id=tok,required=true \\',
    '    --network=none go build --mount=x ./...',
    'COPY --link --chmod=0755 --from=build /out/app /app',
    'RUN echo --mount=nope',
    'FROM alpine AS final',
  ].join('\n')));
  console.log('-----');
  show(await tokenize('text.html.markdown', [
    '+++',
    'title = "Hello"',
    'date = 2024-01-02T03:04:05+01:00',
    'tags = ["docker", "k8s"]',
    '[params]',
    'draft = true # c',
    '+++',
    '{{< figure src="a.png" width=100 alt=`raw` >}}',
    '{{% note %}}x{{% /note %}}',
    '{{</* figure src="x" */>}}',
    '{{< ref posts/x.md />}}',
    '```dockerfile',
    'RUN --mount=type=ssh git clone x',
    '```',
  ].join('\n')));
})();
