// Offline validation of deploy/k8s, run by `make test` (stage k8s). Prints PASS/FAIL per check and
// "N passed, N failed" last; exit 1 on any failure.
//
// 1. Every YAML document parses, and each built-in kind validates against the Kubernetes OpenAPI
//    schema (kubernetes-models: types, formats, enums and required fields, compiled with ajv).
//    Unknown fields are not refused by that schema; kubeconform -strict would add that, and with
//    CloudNativePG's CRD schemas it would replace the hand-written Cluster checks below — it is not
//    packaged in Debian or npm, so it cannot be installed here.
// 2. Clinic's own rules for these manifests: probes on the health endpoints, a grace period longer
//    than the app's shutdown timeout, memory sized from the benchmark, secrets only referenced,
//    the read-only connection string on the operator's -ro service, every reference resolvable.
//
// 3. The restore in restore/ (applied by hand): a recovery Cluster reading clinic-db's archive to a
//    point in time, unable to write over it.
//
//   node validate.mjs [DIR]      DIR defaults to deploy/k8s
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const dir = resolve(process.argv[2] ?? join(here, '..'));
const repo = resolve(here, '../../..');

let passed = 0;
let failed = 0;
function check(name, problems) {
  const list = (Array.isArray(problems) ? problems : [problems]).filter(Boolean);
  if (list.length === 0) { passed++; console.log(`PASS ${name}`); return; }
  failed++;
  console.log(`FAIL ${name}`);
  for (const p of list) console.log(`     ${p}`);
}

// ---- 1. parse and schema ----------------------------------------------------------------------
const files = readdirSync(dir).filter(f => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
const docs = []; // { file, doc }
for (const file of files) {
  const parsed = parseAllDocuments(readFileSync(join(dir, file), 'utf8'));
  const errors = parsed.flatMap(d => d.errors.map(e => e.message));
  const objects = errors.length ? [] : parsed.map(d => d.toJS()).filter(d => d != null);
  check(`${file} parses (${objects.length} document${objects.length === 1 ? '' : 's'})`,
    errors.length ? errors : objects.length ? [] : ['no document']);
  for (const doc of objects) docs.push({ file, doc });
}

const ownKinds = { // checked by hand below: not Kubernetes built-ins
  'kustomize.config.k8s.io/v1beta1/Kustomization': true,
  'postgresql.cnpg.io/v1/Cluster': true,
  'postgresql.cnpg.io/v1/ScheduledBackup': true,
};
for (const { file, doc } of docs) {
  const id = `${file}: ${doc.kind ?? '?'} ${doc.metadata?.name ?? ''}`.trim();
  if (!doc.apiVersion || !doc.kind) { check(`${id} has apiVersion and kind`, 'apiVersion or kind missing'); continue; }
  const key = `${doc.apiVersion}/${doc.kind}`;
  if (ownKinds[key]) continue;
  let Model;
  try {
    Model = (await import(`kubernetes-models/${doc.apiVersion}/${doc.kind}`))[doc.kind];
  } catch {
    check(`${id} is a known kind`, `no schema for ${key}`);
    continue;
  }
  let problem = null;
  try { new Model(doc).validate(); } catch (e) { problem = e.message; }
  if (!doc.metadata?.name) problem = 'metadata.name missing';
  check(`${id} matches the Kubernetes schema for ${key}`, problem);
}

// ---- 2. Clinic's rules --------------------------------------------------------------------------
const all = docs.map(d => d.doc);
const find = (kind, name) => all.find(d => d.kind === kind && (!name || d.metadata?.name === name));
const need = (value, message) => (value ? null : message);

const kustomization = find('Kustomization');
check('kustomization lists every manifest except the migration Job, and each listed file exists', (() => {
  if (!kustomization) return 'kustomization.yaml missing';
  const listed = kustomization.resources ?? [];
  const expected = files.filter(f => f !== 'kustomization.yaml' && f !== 'migrate-job.yaml');
  return [
    ...listed.filter(f => !files.includes(f)).map(f => `listed but missing: ${f}`),
    ...expected.filter(f => !listed.includes(f)).map(f => `not listed: ${f}`),
    listed.includes('migrate-job.yaml') ? 'migrate-job.yaml must not be listed (deploy.sh runs it before the rollout)' : null,
  ];
})());

const deployment = find('Deployment');
const pod = deployment?.spec?.template?.spec;
const api = pod?.containers?.[0];
const env = Object.fromEntries((api?.env ?? []).map(e => [e.name, e]));
const labelsMatch = (selector, labels) =>
  Object.entries(selector ?? {}).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

check('Deployment runs at least 2 replicas', need(deployment?.spec?.replicas >= 2, `replicas: ${deployment?.spec?.replicas}`));
check('Deployment readiness probe is GET /health/ready on the http port',
  need(api?.readinessProbe?.httpGet?.path === '/health/ready' && api.readinessProbe.httpGet.port === 'http', JSON.stringify(api?.readinessProbe)));
check('Deployment liveness probe is GET /health/live on the http port',
  need(api?.livenessProbe?.httpGet?.path === '/health/live' && api.livenessProbe.httpGet.port === 'http', JSON.stringify(api?.livenessProbe)));

// The app's shutdown timeout, read from the code so raising it there fails this check.
const registration = readFileSync(join(repo, 'api/Infrastructure/Startup/ServiceRegistration.cs'), 'utf8');
const shutdown = Number(/ShutdownTimeout\s*=\s*TimeSpan\.FromSeconds\((\d+)\)/.exec(registration)?.[1]);
const preStop = api?.lifecycle?.preStop?.sleep?.seconds ?? 0;
check(`termination grace (${pod?.terminationGracePeriodSeconds} s) is longer than preStop (${preStop} s) + the app's shutdown timeout (${shutdown} s)`,
  need(shutdown > 0 && pod?.terminationGracePeriodSeconds > preStop + shutdown, 'grace period too short, or ShutdownTimeout not found in ServiceRegistration.cs'));

// Memory from the last benchmark's peak RSS (tests/bench/results/latest.md).
const bench = readFileSync(join(repo, 'tests/bench/results/latest.md'), 'utf8');
const peakMb = Number(/App peak RSS \(VmHWM\): (\d+) MB/.exec(bench)?.[1]);
const mib = q => { const m = /^(\d+)(Mi|Gi)$/.exec(String(q ?? '')); return m ? Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1) : NaN; };
const reqMb = mib(api?.resources?.requests?.memory) * 1.048576;
const limMb = mib(api?.resources?.limits?.memory) * 1.048576;
check(`memory request ≥ bench peak RSS (${peakMb} MB) and limit ≥ 1.5 × it; CPU request and limit set`, [
  need(peakMb > 0, 'no "App peak RSS" line in tests/bench/results/latest.md'),
  need(reqMb >= peakMb, `request ${api?.resources?.requests?.memory} < ${peakMb} MB`),
  need(limMb >= 1.5 * peakMb, `limit ${api?.resources?.limits?.memory} < 1.5 × ${peakMb} MB`),
  need(api?.resources?.requests?.cpu && api?.resources?.limits?.cpu, 'cpu request or limit missing'),
]);

// Secrets: no Secret objects with data in these files, and every sensitive variable from a secretKeyRef.
const containers = all.flatMap(d => d.spec?.template?.spec?.containers ?? []);
check('no Secret is embedded; passwords and keys come from secretKeyRef', [
  ...all.filter(d => d.kind === 'Secret').map(d => `Secret ${d.metadata?.name} embedded`),
  ...containers.flatMap(c => (c.env ?? [])
    .filter(e => /password|secret|signingkey|licensekey|token/i.test(e.name.replace(/_/g, '')))
    .filter(e => !e.valueFrom?.secretKeyRef)
    .map(e => `${c.name}: ${e.name} is not from a Secret`)),
  ...containers.flatMap(c => (c.env ?? [])
    .filter(e => typeof e.value === 'string' && /password\s*=(?!\s*\$\()/i.test(e.value))
    .map(e => `${c.name}: ${e.name} holds a literal password`)),
]);

const cluster = find('Cluster');
const clusterName = cluster?.metadata?.name;
check('ConnectionStrings__Clinic uses the operator\'s -rw service; ConnectionStrings__ClinicReadOnly its -ro service, prefer-standby', [
  need(env.ConnectionStrings__Clinic?.value?.includes(`Host=${clusterName}-rw;`), 'ConnectionStrings__Clinic is not on the -rw service'),
  need(new RegExp(`Host=${clusterName}-ro[,;]`).test(env.ConnectionStrings__ClinicReadOnly?.value ?? ''), 'ConnectionStrings__ClinicReadOnly is not on the -ro service'),
  need(/Target Session Attributes=prefer-standby/i.test(env.ConnectionStrings__ClinicReadOnly?.value ?? ''), 'read-only string lacks Target Session Attributes=prefer-standby'),
]);
check('metrics listen on their own port, which the Service does not expose', [
  need(env.Clinic__Metrics__Urls?.value?.endsWith(':9464'), 'Clinic__Metrics__Urls is not port 9464'),
  need(!(find('Service')?.spec?.ports ?? []).some(p => p.targetPort === 'metrics' || p.targetPort === 9464), 'the Service exposes the metrics port'),
]);

const service = find('Service');
check('Service selects the Deployment\'s pods and targets its http port', [
  need(labelsMatch(service?.spec?.selector, deployment?.spec?.template?.metadata?.labels), 'selector does not match the pod labels'),
  need(service?.spec?.ports?.every(p => api?.ports?.some(cp => cp.name === p.targetPort || cp.containerPort === p.targetPort)), 'targetPort not on the container'),
]);
const ingress = find('Ingress');
const backends = (ingress?.spec?.rules ?? []).flatMap(r => r.http?.paths ?? []).map(p => p.backend?.service);
const hosts = (ingress?.spec?.rules ?? []).map(r => r.host);
check('Ingress serves TLS for every host and routes to the Service', [
  need(backends.length > 0 && backends.every(b => b?.name === service?.metadata?.name
    && service.spec.ports.some(p => p.name === b.port?.name || p.port === b.port?.number)), 'a backend is not the Service'),
  need(hosts.length > 0 && hosts.every(h => (ingress.spec.tls ?? []).some(t => t.secretName && t.hosts?.includes(h))), 'a host without TLS'),
]);
const hpa = find('HorizontalPodAutoscaler');
check('HorizontalPodAutoscaler scales the Deployment from at least 2 replicas', [
  need(hpa?.spec?.scaleTargetRef?.kind === 'Deployment' && hpa.spec.scaleTargetRef.name === deployment?.metadata?.name, 'scaleTargetRef is not the Deployment'),
  need(hpa?.spec?.minReplicas >= 2 && hpa.spec.maxReplicas > hpa.spec.minReplicas, 'minReplicas < 2 or maxReplicas ≤ minReplicas'),
]);
const pdb = find('PodDisruptionBudget');
check('PodDisruptionBudget covers the Deployment\'s pods and leaves room to drain', [
  need(labelsMatch(pdb?.spec?.selector?.matchLabels, deployment?.spec?.template?.metadata?.labels), 'selector does not match the pod labels'),
  need(pdb?.spec?.minAvailable >= 1 && pdb.spec.minAvailable < deployment?.spec?.replicas, 'minAvailable must be ≥ 1 and below replicas'),
]);

const job = find('Job', 'clinic-migrate');
const jobContainer = job?.spec?.template?.spec?.containers?.[0];
check('migration Job runs the migrate verb with the Deployment\'s image, before the rollout', [
  need(JSON.stringify(jobContainer?.args) === '["migrate"]', `args: ${JSON.stringify(jobContainer?.args)}`),
  need(jobContainer?.image === api?.image, 'image differs from the Deployment\'s'),
  need(job?.spec?.template?.spec?.restartPolicy === 'Never', 'restartPolicy is not Never'),
  need(/kubectl wait|condition/.test(readFileSync(join(dir, 'deploy.sh'), 'utf8'))
    && readFileSync(join(dir, 'deploy.sh'), 'utf8').indexOf('migrate-job.yaml') < readFileSync(join(dir, 'deploy.sh'), 'utf8').indexOf('kubectl kustomize'),
  'deploy.sh does not apply the Job before the rest'),
]);

// CloudNativePG (hand-checked: see the header).
const sync = cluster?.spec?.postgresql?.synchronous;
check('CloudNativePG Cluster: a primary and standbys, one synchronous, storage and bootstrap set', [
  need(cluster?.apiVersion === 'postgresql.cnpg.io/v1' && clusterName, 'no postgresql.cnpg.io/v1 Cluster'),
  need(cluster?.spec?.instances >= 2, `instances: ${cluster?.spec?.instances}`),
  need(sync && ['any', 'first'].includes(sync.method) && sync.number >= 1 && sync.number < cluster.spec.instances,
    `postgresql.synchronous: ${JSON.stringify(sync)}`),
  need(/^\d+(Mi|Gi|Ti)$/.test(cluster?.spec?.storage?.size ?? ''), 'storage.size missing'),
  need(cluster?.spec?.bootstrap?.initdb?.database === 'clinic' && cluster.spec.bootstrap.initdb.secret?.name, 'bootstrap.initdb database/secret missing'),
]);
const store = cluster?.spec?.backup?.barmanObjectStore;
const scheduled = find('ScheduledBackup');
check('continuous backup: WAL archived to object storage with credentials from a Secret, and a ScheduledBackup', [
  need(store?.destinationPath && store.s3Credentials?.accessKeyId?.name && store.s3Credentials?.secretAccessKey?.name, 'backup.barmanObjectStore incomplete'),
  need(cluster?.spec?.backup?.retentionPolicy, 'backup.retentionPolicy missing'),
  need(scheduled?.spec?.cluster?.name === clusterName && scheduled.spec.schedule?.split(' ').length === 6, 'ScheduledBackup missing or not six-field cron for this cluster'),
]);
check('the app\'s database role is the operator-managed member of clinic_app, its password in the Secret the app reads', (() => {
  const role = (cluster?.spec?.managed?.roles ?? []).find(r => r.passwordSecret?.name === env.DB_USER?.valueFrom?.secretKeyRef?.name);
  return [need(role, 'no managed role with the app\'s Secret'), need(role?.inRoles?.includes('clinic_app') && role.login, 'role is not a login member of clinic_app')];
})());

// ---- 3. the documented restore (restore/: applied by hand, never by the kustomization) ----------
// A point-in-time restore must read the very archive clinic-db writes, to a time PostgreSQL accepts,
// into a cluster of its own that cannot write over that archive.
const restoreDir = join(dir, 'restore');
const restoreFiles = (() => { try { return readdirSync(restoreDir).filter(f => /\.ya?ml$/.test(f)).sort(); } catch { return []; } })();
check('restore/ holds a documented restore Cluster', need(restoreFiles.length > 0, `no manifest in ${restoreDir}`));
const restoreDocs = restoreFiles.flatMap(file => {
  const parsed = parseAllDocuments(readFileSync(join(restoreDir, file), 'utf8'));
  const errors = parsed.flatMap(d => d.errors.map(e => e.message));
  check(`restore/${file} parses`, errors);
  return errors.length ? [] : parsed.map(d => ({ file, doc: d.toJS() })).filter(d => d.doc != null);
});
// "2026-12-07 10:15:00.000000+00" (PostgreSQL) or RFC 3339; an offset is required, so the time is not
// read in whatever zone the operator's pod runs in.
const targetTimePattern = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;
const validTime = t => targetTimePattern.test(t ?? '')
  && !Number.isNaN(Date.parse(t.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')));
const gi = q => { const m = /^(\d+)(Mi|Gi|Ti)$/.exec(String(q ?? '')); return m ? Number(m[1]) * { Mi: 1 / 1024, Gi: 1, Ti: 1024 }[m[2]] : NaN; };
for (const { file, doc } of restoreDocs.filter(d => d.doc.kind === 'Cluster')) {
  const recovery = doc.spec?.bootstrap?.recovery;
  const source = (doc.spec?.externalClusters ?? []).find(c => c.name === recovery?.source);
  const from = source?.barmanObjectStore;
  const target = recovery?.recoveryTarget ?? {};
  check(`restore/${file}: Cluster ${doc.metadata?.name} bootstraps by recovery from clinic-db's archive to a point in time`, [
    need(doc.apiVersion === 'postgresql.cnpg.io/v1' && doc.metadata?.namespace === cluster?.metadata?.namespace, 'not a postgresql.cnpg.io/v1 Cluster in the app\'s namespace'),
    need(doc.metadata?.name && doc.metadata.name !== clusterName, 'it must be a new cluster: CloudNativePG never restores in place'),
    need(recovery && !doc.spec.bootstrap.initdb && !doc.spec.bootstrap.pg_basebackup, 'bootstrap is not recovery alone'),
    need(source, `recovery.source ${recovery?.source} is not in externalClusters`),
    need(from?.destinationPath === store?.destinationPath, `destinationPath ${from?.destinationPath} is not clinic-db's (${store?.destinationPath})`),
    need((from?.serverName ?? source?.name) === (store?.serverName ?? clusterName), `serverName ${from?.serverName} is not the one clinic-db archives under (${store?.serverName ?? clusterName})`),
    need(from?.s3Credentials?.accessKeyId?.name === store?.s3Credentials?.accessKeyId?.name
      && from?.s3Credentials?.secretAccessKey?.name === store?.s3Credentials?.secretAccessKey?.name, 'credentials are not clinic-db\'s backup Secret'),
    need(from?.wal?.compression === store?.wal?.compression, 'WAL compression differs from the archive\'s'),
    need(validTime(target.targetTime), `recoveryTarget.targetTime "${target.targetTime}" is not a time with an offset`),
    need(Object.keys(target).every(k => ['targetTime', 'exclusive', 'backupID', 'targetTLI'].includes(k)), `recoveryTarget mixes targets: ${Object.keys(target)}`),
  ]);
  const own = doc.spec?.backup?.barmanObjectStore;
  check(`restore/${file}: the restored cluster cannot write into clinic-db's archive, and matches clinic-db`, [
    need(!own || own.destinationPath !== store?.destinationPath || (own.serverName ?? doc.metadata?.name) !== (store?.serverName ?? clusterName),
      'its backup section archives to clinic-db\'s path'),
    need(doc.spec?.imageName === cluster?.spec?.imageName, `image ${doc.spec?.imageName} differs from clinic-db's ${cluster?.spec?.imageName} (a restore needs the same major version)`),
    need(gi(doc.spec?.storage?.size) >= gi(cluster?.spec?.storage?.size), `storage ${doc.spec?.storage?.size} is smaller than clinic-db's ${cluster?.spec?.storage?.size}`),
    need(recovery?.database === cluster?.spec?.bootstrap?.initdb?.database && recovery?.owner === cluster?.spec?.bootstrap?.initdb?.owner,
      'database/owner differ from clinic-db\'s'),
    need((doc.spec?.managed?.roles ?? []).some(r => r.name === 'clinic_web' && r.passwordSecret?.name === env.DB_USER?.valueFrom?.secretKeyRef?.name),
      'the app\'s role is not managed with the Secret the app reads'),
  ]);
}
check('the kustomization never applies a restore', need(!(kustomization?.resources ?? []).some(r => r.startsWith('restore')), 'restore/ listed in kustomization.yaml'));

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
