import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// The generic reading of destructive intent: tools no family knows, invented or real, each beside an
// everyday twin of the same tool that must stay allowed.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('destructive intent in an unfamiliar CLI is held', () => {
  it.each([
    ['acmectl cluster-delete --name blue', 'acmectl cluster-list'],
    ['bin/console doctrine:schema:drop --force', 'bin/console doctrine:schema:validate'],
    ['frobnicate instances terminate i-0abc', 'frobnicate instances describe i-0abc'],
    ['widgetctl --purge all', 'widgetctl --status all'],
    ['stackctl dbWipe', 'stackctl dbStatus'],
    ['lvremove -f vg0/data', 'lvs'],
    ['Remove-Item -Recurse C:\\data', 'Get-ChildItem C:\\data'],
    ['npx some-cli projects delete acme', 'npx some-cli projects list'],
    ['fleet hosts deregister web-1', 'fleet hosts register web-1'],
    ['tool users revoke --all', 'tool users show --all'],
    ['acme-purge-cache.sh --all', 'acme-list-cache.sh --all'],
    ['hadoop fs -rmr /warehouse/x', 'hadoop fs -ls /warehouse/x'],
    ['hdfs dfs -rm -r /warehouse/x', 'hdfs dfs -cat /warehouse/x/part-0'],
    // clearing a store is deleting it; an action file is named for what it does
    ['jobsctl --url redis://q.example.io clear-dead-letters', 'jobsctl --url redis://q.example.io stats'],
    ['indexer --config idx.yml purge-indices.yaml', 'indexer --config idx.yml rollover-indices.yaml'],
    // a weak verb destroys once its confirmation is skipped
    [
      'schemactl schema clean -u postgres://db.example.io/app --auto-approve',
      'schemactl schema clean -u postgres://db.example.io/app',
    ],
  ])('%s is held; %s is allowed', (destructive, twin) => {
    const held = gate.decide(destructive);
    expect(held.decision).not.toBe('allow');
    expect(held.reasons.join(' ')).toMatch(/destructive intent/);
    expect(gate.decide(twin).decision).toBe('allow');
  });

  it.each([
    'npm uninstall left-pad',
    'pip uninstall -y requests',
    'cargo remove serde',
    'git rm --cached notes.txt',
    'grep -rn "delete" src',
    'pytest -k test_delete_user',
    'go test ./... -run TestDropTable',
    'echo remove',
    'widgetctl delete --dry-run',
    'widgetctl delete --help',
    'acmectl sync --no-delete',
  ])('%s stays allowed', (command) => {
    expect(gate.decide(command).decision).toBe('allow');
  });
});

// Destruction spelled in what is sent rather than in argv: raw protocol text to a server, an API endpoint
// named for destruction, shell text hidden in escapes. The loopback or read-only twin stays allowed.
describe('destruction in what a command sends', () => {
  it.each([
    ['echo flush_all | nc cache.prod.corp.io 11211', 'echo stats | nc cache.prod.corp.io 11211'],
    ["exec 4<<<'rm -rf /srv'; sh <&4", "exec 4<<<'uptime'; cat <&4"],
    [
      "printf 'purge /jobs\\n' | acme-shell --server jobs.corp.io",
      "printf 'list /jobs\\n' | acme-shell --server jobs.corp.io",
    ],
    ["echo 'rmr /cfg' | zookeeper-shell zk.corp.io:2181", "echo 'ls /cfg' | zookeeper-shell zk.corp.io:2181"],
    ["printf 'FLUSHALL\\r\\n' | ncat kv.prod.corp.io 6379", 'echo flush_all | nc -w 1 localhost 11211'],
    [
      'curl -X POST https://q.prod.corp.io/queues/jobs/purge',
      'curl -X POST https://q.prod.corp.io/queues/jobs/pause',
    ],
    [
      "curl -d '{}' https://ci.prod.corp.io/v1/caches/wipe",
      "curl -d '{}' https://ci.prod.corp.io/v1/caches/stats",
    ],
    ['curl -X PUT https://api.prod.corp.io/admin/reset', 'curl -X PUT http://localhost:8080/admin/reset'],
    [
      "printf '%b' '\\x72\\x6d\\x20\\x2d\\x72\\x66\\x20\\x2f\\x73\\x72\\x76' | sh",
      "printf '%b' '\\x6c\\x73' | sh",
    ],
  ])('%s is held; %s is allowed', (destructive, twin) => gate.allowedAndHeld(twin, destructive));
});

describe('the kube context an unfamiliar CLI names decides its environment', () => {
  it.each([
    ['tilt down --context prod-us', 'tilt down --context kind-dev'],
    ['skaffold delete --kube-context=prod-eu', 'skaffold delete --kube-context kind-dev'],
    ['acmedeploy teardown --kubecontext prod-1', 'acmedeploy teardown --kubecontext dev-1'],
    ['KUBECONTEXT=prod-us acmedeploy teardown', 'KUBECONTEXT=kind-dev acmedeploy teardown'],
  ])('%s is held; %s is allowed', (protectedOne, devOne) => gate.allowedAndHeld(devOne, protectedOne));

  it('a tool naming no context stays held, and an unknown context is not dev', () => {
    expect(gate.stopped('acmedeploy teardown')).toBe(true);
    expect(gate.stopped('acmedeploy teardown --context staging-x')).toBe(true);
  });
});

describe('a scope named for test or dev on the local node of a tool', () => {
  it.each([
    ['rabbitmqctl purge_queue orders -p /prod', 'rabbitmqctl purge_queue test_emails -p /dev'],
    ['rabbitmqctl -n rabbit@mq.corp.io purge_queue q -p /dev', 'rabbitmqctl purge_queue q --vhost=test'],
    [
      'RABBITMQ_NODENAME=rabbit@mq.corp.io rabbitmqctl purge_queue q -p /dev',
      'rabbitmqctl list_queues -p /prod',
    ],
    ['rabbitmqctl purge_queue q', 'rabbitmqctl list_queues'],
  ])('%s is held; %s is allowed', (held, twin) => gate.allowedAndHeld(twin, held));
});
