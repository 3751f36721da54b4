import { afterAll, beforeAll, describe, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Families in their own right: secrets stores, coordination stores, object storage and sync, volume
// managers, message-queue admin. Mostly read by the generic reading of intent; each beside a read-only twin.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe.each([
  [
    'secrets stores',
    [
      // (a value printed from production or a place nobody named is held: secret-values.spec.ts)
      ['vault kv metadata delete secret/payments/api', 'vault kv get secret/payments/dev/api'],
      ['vault secrets disable transit/', 'vault secrets list'],
      ['vault lease revoke -prefix aws/creds', 'vault lease lookup aws/creds/x'],
      ['op item delete "Prod DB"', 'op item get "Prod DB"'],
      [
        'doppler secrets delete STRIPE_KEY --project shop',
        'doppler secrets get STRIPE_KEY --project shop --config dev',
      ],
    ],
  ],
  [
    'coordination stores',
    [
      ['etcdctl del --prefix /registry', 'etcdctl get --prefix /registry --keys-only'],
      ['consul kv delete -recurse app/', 'consul kv get -recurse app/'],
      ['zkCli.sh -server zk:2181 deleteall /brokers', 'zkCli.sh -server zk:2181 ls /brokers'],
      ['etcdctl member remove 8e9e05c52164694d', 'etcdctl member list'],
    ],
  ],
  [
    'object storage and sync',
    [
      ['rclone sync ./site r2:www', 'rclone copy ./site r2:www'],
      ['rclone purge b2:archive/2023', 'rclone lsd b2:archive'],
      ['mc rb --force minio/backups', 'mc ls minio/backups'],
      ['s3cmd del --recursive s3://logs', 's3cmd ls s3://logs'],
      [
        'azcopy remove "https://acct.blob.core.windows.net/c" --recursive',
        'azcopy list "https://acct.blob.core.windows.net/c"',
      ],
    ],
  ],
  [
    'volume managers',
    [
      ['zfs destroy -r tank/db', 'zfs list -t snapshot'],
      ['zpool labelclear -f /dev/sdc', 'zpool status'],
      ['lvremove -y vg0/data', 'lvdisplay vg0/data'],
      ['lvreduce -L 2G vg0/root', 'lvs'],
      ['mdadm --zero-superblock /dev/sdd1', 'mdadm --detail /dev/md0'],
      ['btrfs subvolume delete /mnt/pool/@snap', 'btrfs subvolume list /mnt/pool'],
      ['wipefs -a /dev/sdc', 'wipefs /dev/sdc'],
      ['parted /dev/sdb mklabel gpt', 'parted -l'],
      ['mkfs.ext4 /dev/sdb1', 'mkfs.ext4 -F ./build/disk.img'],
    ],
  ],
  [
    'message queues',
    [
      ['rabbitmqctl purge_queue orders', 'rabbitmqctl list_queues'],
      ['rabbitmqctl delete_vhost /shop', 'rabbitmqctl list_vhosts'],
      [
        'kafka-topics --bootstrap-server k:9092 --delete --topic orders',
        'kafka-topics --bootstrap-server k:9092 --list',
      ],
      [
        'kafka-consumer-groups --bootstrap-server k:9092 --group g --reset-offsets --to-latest --execute',
        'kafka-consumer-groups --bootstrap-server k:9092 --describe --group g',
      ],
      ['nats stream purge ORDERS -f', 'nats stream info ORDERS'],
      ['pulsar-admin topics delete persistent://t/n/orders', 'pulsar-admin topics list t/n'],
    ],
  ],
])('%s', (_, pairs) => {
  it.each(pairs)('%s is held; %s is allowed', (destructive, twin) => gate.allowedAndHeld(twin, destructive));
});
