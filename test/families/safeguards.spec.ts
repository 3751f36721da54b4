import { afterAll, beforeAll, describe, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Switching a safeguard off is destructive, in any tool; its twin reads or switches the safeguard on.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('safeguards switched off', () => {
  it.each([
    [
      'aws rds modify-db-instance --db-instance-identifier ledger --no-deletion-protection',
      'aws rds modify-db-instance --db-instance-identifier ledger --deletion-protection',
    ],
    [
      'gcloud container clusters update main --no-enable-deletion-protection',
      'gcloud container clusters describe main',
    ],
    ['az keyvault update --name kv --enable-purge-protection false', 'az keyvault show --name kv'],
    [
      'aws s3api put-bucket-versioning --bucket b --versioning-configuration Status=Suspended',
      'aws s3api put-bucket-versioning --bucket b --versioning-configuration Status=Enabled',
    ],
    ['gsutil versioning set off gs://vault', 'gsutil versioning get gs://vault'],
    [
      'aws rds modify-db-instance --db-instance-identifier x --backup-retention-period 0',
      'aws rds modify-db-instance --db-instance-identifier x --backup-retention-period 14',
    ],
    ['acmecloud db patch main --no-backup', 'acmecloud db describe main'],
    // stopping supabase's LOCAL stack without keeping its volume is not a real database's backups switched off
    ['supabase db patch --no-backup', 'supabase stop --no-backup'],
    ['acmecloud db patch main --no-backup', 'npx supabase stop --no-backup'],
    [
      'kafka-configs --bootstrap-server k:9092 --alter --entity-type topics --entity-name t --add-config retention.ms=1000',
      'kafka-configs --bootstrap-server k:9092 --describe --entity-type topics --entity-name t',
    ],
    ['aws cloudtrail stop-logging --name main', 'aws cloudtrail get-trail-status --name main'],
    [
      'psql -h pg.prod.corp.io -c "ALTER SYSTEM SET log_statement = \'none\'"',
      'psql -h pg.prod.corp.io -c "SHOW log_statement"',
    ],
    ['sudo setenforce 0', 'getenforce'],
    ['sudo auditctl -e 0', 'sudo auditctl -l'],
    ['sudo aa-disable /etc/apparmor.d/usr.sbin.nginx', 'sudo aa-status'],
    ['sudo journalctl --vacuum-time=1s', 'journalctl -u nginx --since today'],
    ['sudo ln -sf /dev/null /var/log/auth.log', 'ln -sf ../shared/config.yml config.yml'],
    [
      "sudo sed -i 's/^SELINUX=enforcing/SELINUX=disabled/' /etc/selinux/config",
      'grep SELINUX= /etc/selinux/config',
    ],
    [
      'kubectl --context kind-dev delete validatingwebhookconfiguration gatekeeper',
      'kubectl --context kind-dev get validatingwebhookconfigurations',
    ],
  ])('%s is held; %s is allowed', (destructive, twin) => gate.allowedAndHeld(twin, destructive));
});
