// Stand-in `terraform`, `kubectl` and `helm` executables for the production-gate tests: shell scripts on a
// PATH of their own that print what the real tools print (a `terraform show -json` plan document from
// test/plans, `kubectl diff` output) and log how they were called, so the tests exercise the real code path
// that runs the tool, its arguments, exit codes, time budget and a missing tool.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A folder of stand-in tools and the log of their calls. */
export interface StandIns {
  /** The folder to put first on PATH. */
  bin: string;
  /** Writes an executable shell script named `name`. */
  tool(name: string, script: string): void;
  /** Each call as `name arg arg …`, in order. */
  calls(): string[];
  remove(): void;
}

/** Creates an empty stand-in folder; PATH for a test is `${bin}:/usr/bin:/bin` (git, sh, sleep, cat). */
export function createStandIns(): StandIns {
  const root = mkdtempSync(join(tmpdir(), 'bw-standins-'));
  const bin = join(root, 'bin');
  const log = join(root, 'calls.log');
  mkdirSync(bin);
  writeFileSync(log, '');
  return {
    bin,
    tool(name, script) {
      const file = join(bin, name);
      writeFileSync(file, `#!/bin/sh\necho "${name} $*" >> '${log}'\n${script}\n`);
      chmodSync(file, 0o755);
    },
    calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A stand-in terraform: `plan -out=FILE` writes FILE, `show -json FILE` prints the plan document `planJson`. */
export function terraformScript(planJson: string): string {
  return `case "$1" in
  plan) for a in "$@"; do case "$a" in -out=*) echo binary-plan > "\${a#-out=}";; esac; done; echo "Plan: done"; exit 0;;
  show) cat '${planJson}'; exit 0;;
  *) echo "stand-in terraform: unexpected $1" >&2; exit 1;;
esac`;
}

/** `kubectl diff` output for one changed ConfigMap and one PersistentVolumeClaim that --prune would delete. */
export const KUBECTL_DIFF_PRUNE = `diff -u -N /tmp/LIVE-2291/v1.ConfigMap.shop.web-config /tmp/MERGED-3382/v1.ConfigMap.shop.web-config
--- /tmp/LIVE-2291/v1.ConfigMap.shop.web-config	2026-12-07 09:00:00.000000000 +0000
+++ /tmp/MERGED-3382/v1.ConfigMap.shop.web-config	2026-12-07 09:00:00.000000000 +0000
@@ -3,7 +3,7 @@
 data:
-  LOG_LEVEL: info
+  LOG_LEVEL: debug
 kind: ConfigMap
diff -u -N /tmp/LIVE-2291/v1.PersistentVolumeClaim.shop.orders-data /tmp/MERGED-3382/v1.PersistentVolumeClaim.shop.orders-data
--- /tmp/LIVE-2291/v1.PersistentVolumeClaim.shop.orders-data	2026-12-07 09:00:00.000000000 +0000
+++ /tmp/MERGED-3382/v1.PersistentVolumeClaim.shop.orders-data	2026-12-07 09:00:00.000000000 +0000
@@ -1,9 +0,0 @@
-apiVersion: v1
-kind: PersistentVolumeClaim
-metadata:
-  name: orders-data
-  namespace: shop
-spec:
-  resources:
-    requests:
-      storage: 10Gi
`;

/** `kubectl diff` output for a Deployment whose image changes and a new Service. */
export const KUBECTL_DIFF_UPDATE = `diff -u -N /tmp/LIVE-11/apps.v1.Deployment.shop.web /tmp/MERGED-12/apps.v1.Deployment.shop.web
--- /tmp/LIVE-11/apps.v1.Deployment.shop.web	2026-12-07 09:00:00.000000000 +0000
+++ /tmp/MERGED-12/apps.v1.Deployment.shop.web	2026-12-07 09:00:00.000000000 +0000
@@ -20,7 +20,7 @@
       containers:
-      - image: shop/web:1.4.0
+      - image: shop/web:1.5.0
         name: web
diff -u -N /tmp/LIVE-11/v1.Service.shop.web-internal /tmp/MERGED-12/v1.Service.shop.web-internal
--- /tmp/LIVE-11/v1.Service.shop.web-internal	2026-12-07 09:00:00.000000000 +0000
+++ /tmp/MERGED-12/v1.Service.shop.web-internal	2026-12-07 09:00:00.000000000 +0000
@@ -0,0 +1,6 @@
+apiVersion: v1
+kind: Service
+metadata:
+  name: web-internal
+  namespace: shop
+spec: {}
`;
