import { describe, expect, it } from 'vitest';
import { parseHelmDiff } from './helm.js';
import { parseKubectlDiff } from './kubectl.js';

describe('kubectl diff output', () => {
  it('names each object, with groups and dotted names, and tells create, update and delete apart', () => {
    const text = [
      'diff -u -N /tmp/LIVE-1/networking.k8s.io.v1.Ingress.shop.web.example.com /tmp/MERGED-2/networking.k8s.io.v1.Ingress.shop.web.example.com',
      '--- /tmp/LIVE-1/networking.k8s.io.v1.Ingress.shop.web.example.com\t2026-12-07',
      '+++ /tmp/MERGED-2/networking.k8s.io.v1.Ingress.shop.web.example.com\t2026-12-07',
      '@@ -4,3 +4,3 @@',
      '-  a: 1',
      '+  a: 2',
      'diff -u -N /tmp/LIVE-1/v1.Namespace..scratch /tmp/MERGED-2/v1.Namespace..scratch',
      '--- /tmp/LIVE-1/v1.Namespace..scratch\t2026-12-07',
      '+++ /tmp/MERGED-2/v1.Namespace..scratch\t2026-12-07',
      '@@ -1,4 +0,0 @@',
      '-apiVersion: v1',
      'diff -u -N /tmp/LIVE-1/apps.v1beta1.StatefulSet.db.pg /tmp/MERGED-2/apps.v1beta1.StatefulSet.db.pg',
      '--- /tmp/LIVE-1/apps.v1beta1.StatefulSet.db.pg\t2026-12-07',
      '+++ /tmp/MERGED-2/apps.v1beta1.StatefulSet.db.pg\t2026-12-07',
      '@@ -0,0 +1,9 @@',
      '+apiVersion: apps/v1beta1',
    ].join('\n');
    expect(parseKubectlDiff(text)).toEqual([
      expect.objectContaining({ address: 'Ingress/shop/web.example.com', type: 'Ingress', change: 'update' }),
      expect.objectContaining({ address: 'Namespace/scratch', change: 'delete', clusterScoped: true }),
      expect.objectContaining({ address: 'StatefulSet/db/pg', change: 'create', namespace: 'db' }),
    ]);
  });

  it('reads nothing from an empty diff (no changes)', () => {
    expect(parseKubectlDiff('')).toEqual([]);
  });
});

describe('helm diff output', () => {
  it('reads one object per header line', () => {
    const text = [
      'shop, web, Deployment (apps) has changed:',
      '  # Source: web/templates/deployment.yaml',
      '-  replicas: 2',
      'shop, data, PersistentVolumeClaim (v1) has been removed:',
      'shop, web-cfg, ConfigMap (v1) has been added:',
    ].join('\n');
    expect(parseHelmDiff(text).map((r) => [r.address, r.change])).toEqual([
      ['Deployment/shop/web', 'update'],
      ['PersistentVolumeClaim/shop/data', 'delete'],
      ['ConfigMap/shop/web-cfg', 'create'],
    ]);
  });
});
