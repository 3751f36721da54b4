import { afterAll, beforeAll, describe, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// This machine's own servers and machines. A loopback address in a flag or in the tool's own variable that names
// its server makes the target local; another address there keeps it held. Vagrant and Multipass VMs, Xcode's
// simulators, Android's virtual devices, LocalStack behind its wrappers, and the clusters k3d, minikube, Docker
// Desktop, OrbStack and their kin run on this machine — unless a cloud provider, a remote endpoint, a remote
// shell or a production word says otherwise.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('a loopback server named by the flag or variable that names the server', () => {
  it.each([
    [
      'nomad namespace delete -address=http://localhost:4646 scratch',
      'nomad namespace delete -address=https://nomad.corp.io scratch',
    ],
    [
      'NOMAD_ADDR=http://127.0.0.1:4646 nomad var purge nomad/jobs/x',
      'NOMAD_ADDR=https://nomad.corp.io nomad var purge nomad/jobs/x',
    ],
    ['consul acl policy delete -name tmp -http-addr=localhost:8500', 'consul acl policy delete -name tmp'],
    [
      'CONSUL_HTTP_ADDR=127.0.0.1:8500 consul kv delete -recurse app/',
      'CONSUL_HTTP_ADDR=10.0.0.5:8500 consul kv delete -recurse app/',
    ],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe('machines this machine runs', () => {
  it.each([
    ['vagrant destroy --force builder', 'VAGRANT_DEFAULT_PROVIDER=google vagrant destroy --force builder'],
    ['vagrant destroy --force builder', 'vagrant destroy --force builder --provider=aws'],
    [
      "vagrant ssh db -c 'sudo rm -rf /srv/pgdata'",
      'vagrant ssh db -c \'psql -h db.prod.corp.io -c "DROP TABLE t"\'',
    ],
    ["xcrun simctl erase 'iPad Air'", 'ssh mac-ci.corp.io xcrun simctl erase all'],
    ['avdmanager delete avd -n Pixel_7_API_34', 'ssh build.corp.io avdmanager delete avd -n Pixel_7_API_34'],
    [
      'tflocal destroy -auto-approve',
      'AWS_ENDPOINT_URL=https://aws-gw.corp.io tflocal destroy -auto-approve',
    ],
    ['tflocal apply -auto-approve', 'terraform apply -auto-approve'],
    [
      'awslocal dynamodb delete-table --table-name carts',
      'LOCALSTACK_HOST=ls.corp.io awslocal dynamodb delete-table --table-name carts',
    ],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe('clusters a local tool runs on this machine, by their context', () => {
  it.each([
    [
      'kubectl --context minikube delete namespace scratch',
      'kubectl --context minikube-prod delete namespace scratch',
    ],
    ['helm --kube-context docker-desktop uninstall web', 'helm --kube-context k3d-prod uninstall web'],
    ['kubectl --context orbstack delete pvc data-0', 'kubectl --context orbstack-eu delete pvc data-0'],
    [
      'kubectl --context k3d-shop delete -f manifests/',
      'kubectl --context k3d-shop-live delete -f manifests/',
    ],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});

describe('a compose service reaching itself by name', () => {
  it.each([
    [
      'docker compose exec broker kafka-topics --bootstrap-server broker:29092 --delete --topic t1',
      'docker compose exec broker kafka-topics --bootstrap-server kafka.corp.io:9092 --delete --topic t1',
    ],
  ])('%s is allowed; %s is held', (everyday, destructive) => gate.allowedAndHeld(everyday, destructive));
});
