import { ConfigError, readConfig } from '@astrobookings/shared';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { parseAllDocuments, parse } from 'yaml';
import { Dockerfile } from '../support/dockerfile';
import { configSections, DEPLOYABLES, repoRoot, type Deployable } from '../support/deployables';

/**
 * deploy/kubernetes cannot be applied here (no cluster), so every object is
 * validated against the Kubernetes OpenAPI schemas shipped in kubernetes-models,
 * and against the project's rules: probes, limits, non-root, an autoscaler per
 * Deployment, and an environment from which each process's own configuration
 * loads in production.
 */

const dir = path.join(repoRoot, 'deploy', 'kubernetes');
const SECRET_NAME = 'astrobookings-secrets';

// The schemas this project's manifests may use, by apiVersion and kind.
const MODELS: Record<string, { new (data: object): { validate(): void } }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: EnvVar[];
  resources?: {
    requests?: Record<string, string | number>;
    limits?: Record<string, string | number>;
  };
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
}
interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  restartPolicy?: string;
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: PodSpec;
}
type DeploymentObject = K8sObject & {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: PodTemplate;
  };
};
type ServiceObject = K8sObject & {
  spec: {
    selector: Record<string, string>;
    ports: { name: string; port: number; targetPort: string }[];
  };
};
type HpaObject = K8sObject & {
  spec: {
    scaleTargetRef: { apiVersion: string; kind: string; name: string };
    minReplicas: number;
    maxReplicas: number;
    metrics: unknown[];
  };
};
type IngressBackend = { service: { name: string; port: { name?: string; number?: number } } };
type IngressObject = K8sObject & {
  spec: { rules: { host: string; http: { paths: { path: string; backend: IngressBackend }[] } }[] };
};

function readYaml(file: string): K8sObject[] {
  return parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
      return document.toJS() as K8sObject | null;
    })
    .filter((object): object is K8sObject => object !== null);
}

const kustomization = parse(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as {
  namespace: string;
  resources: string[];
  images: { name: string; newTag: string }[];
};
const objects = kustomization.resources.flatMap((file) =>
  readYaml(file).map((object) => ({ file, object })),
);
const exampleSecret = readYaml('secret.example.yaml')[0] as K8sObject & {
  stringData: Record<string, string>;
};
const configMap = objects.find((o) => o.object.kind === 'ConfigMap')!.object as K8sObject & {
  data: Record<string, string>;
};

function named<T extends K8sObject>(kind: string, name: string): T {
  const found = objects.find((o) => o.object.kind === kind && o.object.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind} named ${name} in deploy/kubernetes`);
  return found.object as T;
}

function quantity(value: string | number | undefined): number {
  if (value === undefined) return NaN;
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/.exec(String(value));
  if (match === null) return NaN;
  const scale = { m: 0.001, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * scale;
}

/** Values in the shape each secret takes, for loading the configuration as production would. */
const SECRET_SAMPLES: Record<string, string> = {
  DATABASE_URL: 'postgresql://astro:secret@postgres:5432/astrobookings',
  CUSTOMER_MONGO_URL: 'mongodb://astro:secret@mongo:27017/astro_customer',
  SYSTEM_MONGO_URL: 'mongodb://astro:secret@mongo:27017/astro_system',
  REDIS_URL: 'redis://:secret@redis:6379',
  SMTP_URL: 'smtps://user:secret@smtp.example.com:465',
  JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----',
  BOOTSTRAP_EMPLOYEE_PASSWORD: 'a long passphrase',
};

/** The environment a container starts with: its ConfigMaps, then its own variables. */
function containerEnv(container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef !== undefined) {
      expect(source.configMapRef.name).toBe(configMap.metadata.name);
      Object.assign(env, configMap.data);
    }
  }
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    env[variable.name] = ref === undefined ? (variable.value ?? '') : SECRET_SAMPLES[ref.key];
  }
  return env;
}

/**
 * The OpenAPI schemas leave objects open, so a misspelt field would pass them:
 * each object is also type-checked as a fresh literal of kubernetes-models'
 * TypeScript interface for its kind, whose excess-property check names any field
 * the Kubernetes API does not define. Answers the problems by object.
 */
function unknownFields(checked: { label: string; object: K8sObject }[]): string[] {
  const file = path.join(repoRoot, 'test', 'deploy', 'manifests.virtual.ts');
  const starts: number[] = [];
  let source = '';
  checked.forEach(({ object }, i) => {
    const type = `I${object.kind}`;
    source += `import type { ${type} as T${i} } from 'kubernetes-models/${object.apiVersion}/${object.kind}';\n`;
  });
  checked.forEach(({ object }, i) => {
    starts.push(source.length);
    source += `export const object${i}: T${i} = ${JSON.stringify(object, null, 1)};\n`;
  });
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === file
      ? ts.createSourceFile(name, source, language)
      : getSourceFile(name, language, ...rest);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const at = diagnostic.start ?? 0;
    const index = starts.filter((start) => start <= at).length - 1;
    const label = index >= 0 ? checked[index].label : 'imports';
    return `${label}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}

describe('schemas', () => {
  it('kustomization.yaml lists every manifest of the folder but the example Secret', () => {
    const manifests = fs
      .readdirSync(dir)
      .filter((file) => file.endsWith('.yaml'))
      .filter((file) => !['kustomization.yaml', 'secret.example.yaml'].includes(file));
    expect([...kustomization.resources].sort()).toEqual(manifests.sort());
    expect(kustomization.namespace).toBe(named('Namespace', 'astrobookings').metadata.name);
  });

  it.each([
    ...objects.map(({ file, object }) => [
      `${file}: ${object.kind} ${object.metadata.name}`,
      object,
    ]),
    ['secret.example.yaml: Secret', exampleSecret],
  ] as [string, K8sObject][])('%s is valid against the Kubernetes schema', (_name, object) => {
    const Model = MODELS[`${object.apiVersion}/${object.kind}`];
    expect({ kind: `${object.apiVersion}/${object.kind}`, known: Model !== undefined }).toEqual({
      kind: `${object.apiVersion}/${object.kind}`,
      known: true,
    });
    expect(() => new Model(object).validate()).not.toThrow();
  });

  it('the schema check rejects a broken Deployment (the validator is live)', () => {
    const deployment = structuredClone(named<DeploymentObject>('Deployment', 'gateway'));
    (
      deployment.spec.template.spec.containers[0].ports![0] as { containerPort: unknown }
    ).containerPort = 'http';
    expect(() => new MODELS['apps/v1/Deployment'](deployment).validate()).toThrow(
      /containerPort must be integer/,
    );
  });

  it('uses only fields the Kubernetes API defines', () => {
    const misspelt = structuredClone(named<DeploymentObject>('Deployment', 'gateway'));
    const container = misspelt.spec.template.spec.containers[0] as Container &
      Record<string, unknown>;
    container.readinesProbe = container.readinessProbe;
    const problems = unknownFields([
      ...objects.map(({ file, object }) => ({ label: `${file} ${object.kind}`, object })),
      { label: 'secret.example.yaml Secret', object: exampleSecret },
      { label: 'misspelt', object: misspelt },
    ]);
    // The deliberate typo is caught, and it is the only problem.
    expect(problems).toEqual([
      expect.stringMatching(/^misspelt: .*'"readinesProbe"' does not exist/),
    ]);
  });

  it('names no object twice', () => {
    const keys = objects.map(({ object }) => `${object.kind}/${object.metadata.name}`);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });
});

describe.each(DEPLOYABLES.map((d) => [d.name, d] as const))(
  '%s',
  (name, deployable: Deployable) => {
    const deployment = named<DeploymentObject>('Deployment', name);
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0];

    it('runs its Dockerfile target as its only container, on its port', () => {
      expect(pod.containers).toHaveLength(1);
      expect(container.image).toBe(`astrobookings/${name}`);
      const dockerfile = Dockerfile.read(path.join(repoRoot, 'Dockerfile'));
      expect(JSON.parse(dockerfile.effective(name, 'CMD') ?? 'null')).toEqual([
        'node',
        deployable.entry,
      ]);
      expect(kustomization.images.map((image) => image.name)).toContain(container.image);
      expect(container.ports).toEqual([{ name: 'http', containerPort: deployable.port }]);
      expect(configMap.data[deployable.portVariable]).toBe(String(deployable.port));
    });

    it('probes /health for liveness and startup and /ready for readiness', () => {
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container.startupProbe?.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/ready', port: 'http' });
    });

    it('requests and limits CPU and memory', () => {
      const { requests = {}, limits = {} } = container.resources ?? {};
      for (const resource of ['cpu', 'memory']) {
        expect(quantity(requests[resource])).toBeGreaterThan(0);
        expect(quantity(limits[resource])).toBeGreaterThanOrEqual(quantity(requests[resource]));
      }
    });

    it('runs as non-root with no privileges and a read-only root filesystem', () => {
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
    });

    it('is scaled by a HorizontalPodAutoscaler, not a fixed replica count', () => {
      const hpa = named<HpaObject>('HorizontalPodAutoscaler', name);
      expect(deployment.spec.replicas).toBeUndefined();
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(1);
      expect(hpa.spec.maxReplicas).toBeGreaterThanOrEqual(hpa.spec.minReplicas);
      expect(hpa.spec.metrics.length).toBeGreaterThan(0);
    });

    it('keeps an instance up through node drains when two or more run', () => {
      const hpa = named<HpaObject>('HorizontalPodAutoscaler', name);
      const budget = objects.find(
        (o) => o.object.kind === 'PodDisruptionBudget' && o.object.metadata.name === name,
      )?.object as (K8sObject & { spec: unknown }) | undefined;
      if (hpa.spec.minReplicas < 2) return expect(budget).toBeUndefined();
      expect(budget?.spec).toEqual({
        minAvailable: 1,
        selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      });
    });

    it('drains before it is stopped: out of the Service first, then SIGTERM with time to finish', () => {
      expect(container.lifecycle?.preStop?.exec?.command).toEqual(['sleep', expect.any(String)]);
      const pause = Number(container.lifecycle!.preStop!.exec!.command[1]);
      // The processes' own shutdown bound is 10 s (shared/src/lifecycle.ts).
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(pause + 10);
    });

    it('is reachable through a Service selecting exactly its pods', () => {
      const service = named<ServiceObject>('Service', name);
      expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': name });
      expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
      expect(service.spec.ports).toEqual([
        { name: 'http', port: deployable.port, targetPort: 'http' },
      ]);
    });

    const sections = configSections(deployable);
    (sections === undefined ? it.skip : it)(
      'has every variable its configuration needs in production, and no secret it does not read',
      () => {
        const env = containerEnv(container);
        expect(env.NODE_ENV).toBe('production');
        const load = (variables: Record<string, string>) => readConfig(name, sections!, variables);
        expect(() => load(env)).not.toThrow();
        const complete = load(env);
        for (const variable of container.env ?? []) {
          const ref = variable.valueFrom?.secretKeyRef;
          expect(ref?.name).toBe(SECRET_NAME);
          expect(Object.keys(exampleSecret.stringData)).toContain(ref!.key);
          const without = { ...env };
          delete without[variable.name];
          let changed: boolean;
          let required = false;
          try {
            changed = JSON.stringify(load(without)) !== JSON.stringify(complete);
          } catch (error) {
            if (!(error instanceof ConfigError)) throw error;
            changed = required = true;
          }
          // Read, and optional in the pod only where the process starts without it.
          expect({
            secret: variable.name,
            read: changed,
            optional: ref!.optional === true,
          }).toEqual({
            secret: variable.name,
            read: true,
            optional: required ? false : ref!.optional === true,
          });
        }
      },
    );
  },
);

describe('wiring', () => {
  it('has a Deployment for each deployable and nothing else', () => {
    const deployments = objects.filter((o) => o.object.kind === 'Deployment');
    expect(deployments.map((o) => o.object.metadata.name).sort()).toEqual(
      DEPLOYABLES.map((d) => d.name).sort(),
    );
  });

  it('points every in-cluster address of the ConfigMap at a Service and its port', () => {
    const addresses = Object.entries(configMap.data).filter(([, value]) =>
      /^https?:\/\/[a-z-]+:\d+/.test(value),
    );
    expect(addresses.length).toBeGreaterThanOrEqual(8);
    for (const [variable, value] of addresses) {
      const url = new URL(value);
      const service = named<ServiceObject>('Service', url.hostname);
      expect({ variable, port: Number(url.port) }).toEqual({
        variable,
        port: service.spec.ports[0].port,
      });
    }
  });

  it('keeps secrets out of the ConfigMap', () => {
    expect(Object.keys(configMap.data).filter((key) => key in SECRET_SAMPLES)).toEqual([]);
    expect(Object.keys(exampleSecret.stringData).sort()).toEqual(
      Object.keys(SECRET_SAMPLES).sort(),
    );
    expect(Object.values(exampleSecret.stringData).every((value) => value === '')).toBe(true);
  });

  it('gives only the Auth service the token signing key', () => {
    const holders = objects
      .filter((o) => ['Deployment', 'Job'].includes(o.object.kind))
      .filter((o) => JSON.stringify(o.object).includes('"JWT_PRIVATE_KEY"'))
      .map((o) => o.object.metadata.name);
    expect(holders).toEqual(['auth']);
  });

  it('routes the public host: /graphql and /admin/queues to the gateway, the rest to the web apps', () => {
    const ingress = objects.find((o) => o.object.kind === 'Ingress')!.object as IngressObject;
    const [rule] = ingress.spec.rules;
    const routes = Object.fromEntries(
      rule.http.paths.map((p) => [p.path, p.backend.service.name] as const),
    );
    expect(routes).toEqual({ '/graphql': 'gateway', '/admin/queues': 'gateway', '/': 'web' });
    for (const { backend } of rule.http.paths) {
      const service = named<ServiceObject>('Service', backend.service.name);
      expect(service.spec.ports.map((p) => p.name)).toContain(backend.service.port.name);
    }
    const origin = `https://${rule.host}`;
    expect(configMap.data.CORS_ORIGINS.split(',')).toContain(origin);
    expect(configMap.data.GATEWAY_PUBLIC_URL).toBe(`${origin}/graphql`);
  });

  it('migrates with a one-shot Job running the migrate image on DATABASE_URL alone', () => {
    const job = named<K8sObject & { spec: { template: PodTemplate } }>('Job', 'migrate');
    const pod = job.spec.template.spec;
    const [container] = pod.containers;
    expect(container.image).toBe('astrobookings/migrate');
    expect(kustomization.images.map((image) => image.name)).toContain(container.image);
    expect(Dockerfile.read(path.join(repoRoot, 'Dockerfile')).stages.has('migrate')).toBe(true);
    expect(container.command).toEqual(['node', 'scripts/dist/migrate.js']);
    expect(['OnFailure', 'Never']).toContain(pod.restartPolicy);
    expect(container.env?.map((v) => v.name)).toEqual(['DATABASE_URL']);
    expect(() => readConfig('migrate', ['database'], containerEnv(container))).not.toThrow();
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
  });
});
