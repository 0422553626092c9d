import { Prng } from './prng';

/** Subjects DevOps bloggers tag posts with; combined with facets below into ~500 tags. */
const SUBJECTS = [
  'Kubernetes', 'Docker', 'BuildKit', 'Buildx', 'Helm', 'Terraform', 'Ansible', 'Puppet', 'Chef', 'GitOps',
  'ArgoCD', 'Flux', 'Prometheus', 'Grafana', 'Loki', 'Tempo', 'Jaeger', 'OpenTelemetry', 'Elastic', 'Kibana',
  'Fluentd', 'Vector', 'Nginx', 'Traefik', 'Envoy', 'Istio', 'Linkerd', 'Cilium', 'Calico', 'CoreDNS',
  'etcd', 'containerd', 'Podman', 'CRI-O', 'GitLab', 'GitHub Actions', 'Jenkins', 'Tekton', 'Drone', 'Vault',
  'Consul', 'Nomad', 'Packer', 'AWS', 'EKS', 'GKE', 'AKS', 'OpenShift', 'Rancher', 'k3s',
  'kind', 'minikube', 'Kustomize', 'Skaffold', 'Tilt', 'Linux', 'systemd', 'Bash', 'Go', 'Python',
  'Rust', 'PostgreSQL', 'Redis', 'Kafka', 'RabbitMQ', 'MinIO', 'Ceph', 'Longhorn', 'Velero', 'cert-manager',
  'Keycloak', 'OAuth', 'TLS', 'SSH', 'WireGuard', 'DNS', 'Networking', 'Security', 'SRE', 'Observability',
  'CI', 'CD', 'Serverless', 'Knative', 'WebAssembly', 'eBPF', 'Falco', 'Trivy', 'Cosign', 'SBOM',
  'Supply Chain', 'Conferences', 'Meetup', 'DevOps', 'Platform Engineering', 'Backstage', 'Crossplane', 'Pulumi', 'Cloud Native', 'On-Premises',
];

/** Second halves of compound tags (`kubernetes-operators`, `docker-security`). */
const FACETS = ['', 'operators', 'security', 'networking', 'tips', 'troubleshooting', 'performance', 'upgrade', 'storage', 'monitoring'];

/** The tag vocabulary: 500 distinct tags, most popular first. */
export const TAG_VOCABULARY: readonly string[] = (() => {
  const tags: string[] = [];
  for (const facet of FACETS) {
    for (const subject of SUBJECTS) {
      if (tags.length === 500) return tags;
      tags.push(facet === '' ? subject : `${subject.toLowerCase().replace(/ /g, '-')}-${facet}`);
    }
  }
  return tags;
})();

export const CATEGORIES: readonly string[] = [
  'Containers', 'Kubernetes', 'CI/CD', 'Infrastructure', 'Monitoring', 'Security', 'Networking', 'Conferences',
  'Tutorials', 'Notes', 'Cloud', 'Linux',
];

/** Writers do not agree on case: `Kubernetes`, `kubernetes`, `KUBERNETES` are one Hugo tag. */
export function caseVariant(rng: Prng, tag: string): string {
  const r = rng.next();
  if (r < 0.8) return tag;
  if (r < 0.93) return tag.toLowerCase();
  if (r < 0.97) return tag.toUpperCase();
  return tag.charAt(0).toUpperCase() + tag.slice(1).toLowerCase();
}

export const WORDS = (
  'the a container image layer cache build stage registry cluster node pod deployment service ingress ' +
  'secret config map volume network policy namespace rollout canary release pipeline runner job artifact ' +
  'manifest chart value template operator controller reconcile state drift module provider plan apply ' +
  'metric alert dashboard log trace span sample query label selector scrape target exporter is are was ' +
  'we you it this that with from into on for to of and or but when then because so after before while ' +
  'faster smaller safer simple reliable repeatable immutable declarative cheap slow broken fixed flaky ' +
  'production staging local remote upstream downstream default custom minimal multi-stage rootless ' +
  'should can will must might need want run use keep move check test ship deploy scale debug patch pin'
).split(' ');

const HEADINGS = [
  'Why this matters', 'The setup', 'What went wrong', 'Step by step', 'Troubleshooting', 'Lessons learned',
  'Caching the build', 'Rolling it out', 'Monitoring it', 'Cleaning up', 'Wrapping up', 'Further reading',
];

export const CODE_SAMPLES: Record<'dockerfile' | 'bash' | 'yaml', readonly string[]> = {
  dockerfile: [
    '# syntax=docker/dockerfile:1\nFROM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN --mount=type=cache,target=/root/go/pkg/mod go mod download\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /out/app ./cmd/app\n\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build --link /out/app /app\nUSER nonroot\nENTRYPOINT ["/app"]',
    'FROM node:20-alpine\nWORKDIR /app\nCOPY --chown=node:node package*.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci --omit=dev\nCOPY --chmod=0755 entrypoint.sh /usr/local/bin/\nEXPOSE 3000\nHEALTHCHECK CMD wget -qO- http://localhost:3000/healthz || exit 1\nCMD ["node", "server.js"]',
    'FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    apt-get update && apt-get install -y --no-install-recommends ca-certificates curl\nRUN --network=none ./configure && make\nCOPY <<EOF /etc/motd\nbuilt with buildkit\nEOF',
  ],
  bash: [
    'docker buildx build --platform linux/amd64,linux/arm64 \\\n  --cache-to type=registry,ref=registry.example.com/app:cache,mode=max \\\n  --cache-from type=registry,ref=registry.example.com/app:cache \\\n  -t registry.example.com/app:1.4.2 --push .',
    'kubectl -n monitoring get pods -l app=prometheus -o wide\nkubectl -n monitoring logs deploy/prometheus --since=10m | grep -i error\nkubectl rollout status deploy/api --timeout=120s',
    'export KUBECONFIG=$HOME/.kube/staging\nhelm upgrade --install api ./charts/api -f values-staging.yaml --atomic --wait\nkubectl get events --sort-by=.lastTimestamp | tail -20',
    'docker build --secret id=npmrc,src=$HOME/.npmrc --ssh default -t app:dev .\ndocker buildx imagetools inspect app:dev',
  ],
  yaml: [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  labels:\n    app: api\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: registry.example.com/api:1.4.2\n          ports:\n            - containerPort: 8080\n          resources:\n            limits:\n              memory: 256Mi',
    'name: build\non:\n  push:\n    branches: [main]\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/setup-buildx-action@v3\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          cache-from: type=gha\n          cache-to: type=gha,mode=max',
    'groups:\n  - name: api\n    rules:\n      - alert: HighErrorRate\n        expr: sum(rate(http_requests_total{code=~"5.."}[5m])) > 1\n        for: 10m\n        labels:\n          severity: page',
  ],
};

function sentence(rng: Prng): string {
  const n = rng.int(8, 22);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(rng.pick(WORDS));
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + (rng.chance(0.1) ? '?' : '.');
}

function paragraph(rng: Prng): string {
  const parts: string[] = [];
  const n = rng.int(2, 6);
  for (let i = 0; i < n; i++) {
    let s = sentence(rng);
    if (rng.chance(0.15)) s = s.replace(/ (\w+) /, ' `$1` ');
    if (rng.chance(0.1)) s = s.replace(/ (\w+)\./, ' [$1](https://example.com/$1).');
    parts.push(s);
  }
  return parts.join(' ');
}

function shortcode(rng: Prng, imageSrc: () => string): string {
  switch (rng.int(0, 4)) {
    case 0:
      return `{{< figure src="${imageSrc()}" alt="Diagram of the ${rng.pick(WORDS)} flow" width="100%" caption="How the **${rng.pick(WORDS)}** reaches the cluster" >}}`;
    case 1:
      return `{{% notice info %}}\n${sentence(rng)}\n{{% /notice %}}`;
    case 2:
      return `See also {{< ref "/posts/${rng.pick(WORDS)}-notes" >}} for the ${rng.pick(WORDS)} part.`;
    case 3:
      return `{{< highlight go "linenos=table" >}}\nfunc main() {\n\tfmt.Println("${rng.pick(WORDS)}")\n}\n{{< /highlight >}}`;
    default:
      return `{{< youtube id="${rng.int(100000, 999999)}abc" title="${rng.pick(HEADINGS)}" >}}`;
  }
}

/**
 * A Markdown body of about `targetBytes` (never less): prose, lists, code fences, shortcodes.
 * `imageSrc` names an image that exists (beside a bundle's index.md, or under static/).
 */
export function markdownBody(rng: Prng, targetBytes: number, imageSrc: () => string): string {
  const blocks: string[] = [];
  let size = 0;
  const add = (block: string): void => {
    blocks.push(block);
    size += block.length + 2;
  };
  add(paragraph(rng));
  while (size < targetBytes) {
    const r = rng.next();
    if (r < 0.12) add(`## ${rng.pick(HEADINGS)}`);
    else if (r < 0.22) {
      const lang = rng.pick(['dockerfile', 'bash', 'yaml'] as const);
      add('```' + lang + '\n' + rng.pick(CODE_SAMPLES[lang]) + '\n```');
    } else if (r < 0.3) add(shortcode(rng, imageSrc));
    else if (r < 0.38) {
      const items: string[] = [];
      for (let i = rng.int(3, 7); i > 0; i--) items.push(`- ${sentence(rng)}`);
      add(items.join('\n'));
    } else if (r < 0.41) add(`> ${sentence(rng)}`);
    else add(paragraph(rng));
  }
  return blocks.join('\n\n') + '\n';
}
