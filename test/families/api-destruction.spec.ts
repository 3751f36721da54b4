import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Destruction through an API or a server-side script: a change batch whose Action is DELETE (inline, or in a
// file the agent wrote, read as it stands), the default branch force-moved through the REST API, a swarm's
// services removed, a Groovy script run by the Jenkins CLI that deletes, LDIF that deletes entries or values, a
// valued `--version` that is no request for the tool's version. Each beside its everyday twin.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('destructive API calls and server-side scripts', () => {
  it.each([
    [
      'aws route53 change-resource-record-sets --hosted-zone-id Z9 --change-batch \'{"Changes":[{"Action":"DELETE","ResourceRecordSet":{"Name":"www.corp.io.","Type":"CNAME"}}]}\'',
      'aws route53 change-resource-record-sets --hosted-zone-id Z9 --change-batch \'{"Changes":[{"Action":"UPSERT","ResourceRecordSet":{"Name":"www.corp.io.","Type":"CNAME"}}]}\'',
    ],
    [
      'aws route53 change-resource-record-sets --hosted-zone-id Z9 --change-batch file://dns/cleanup.json',
      'aws route53 change-resource-record-sets --hosted-zone-id Z9 --change-batch file://dns/add.json',
    ],
    [
      'aws route53 change-resource-record-sets --hosted-zone-id Z9 --change-batch file://dns/not-written-yet.json',
      'aws route53 list-resource-record-sets --hosted-zone-id Z9',
    ],
    [
      'gh api -X PATCH repos/acme/shop/git/refs/heads/master -f sha=0000abc -F force=true',
      'gh api -X PATCH repos/acme/shop/git/refs/heads/feat/login -f sha=0000abc -F force=true',
    ],
    ['docker stack rm shop', 'docker stack ls'],
    [
      'docker -H ssh://ops@swarm1.corp.io service rm api',
      'docker -H ssh://ops@swarm1.corp.io service ps api',
    ],
    ['docker secret rm db_password', 'docker secret ls'],
    ['argocd proj delete shop', 'argocd proj get shop'],
    ['argocd appset delete shop-previews', 'argocd appset list'],
    [
      'akamai-cli property delete --property shop --version latest',
      'akamai-cli property list --version latest',
    ],
    [
      'java -jar jenkins-cli.jar -s https://ci.corp.io/ groovy = <<< \'Jenkins.instance.getItem("shop").builds.each { b -> b.delete() }\'',
      'java -jar jenkins-cli.jar -s https://ci.corp.io/ groovy = <<< \'println Jenkins.instance.getItem("shop").builds.size()\'',
    ],
    [
      "java -jar jenkins-cli.jar -s https://ci.corp.io/ groovy = <<< 'Jenkins.instance.doSafeExit(null)'",
      'java -jar jenkins-cli.jar -s https://ci.corp.io/ list-jobs',
    ],
    [
      "ldapmodify -H ldap://dir.corp.io -x -D cn=admin -y pw.txt <<< $'dn: cn=admins,ou=groups,dc=corp\\nchangetype: modify\\nreplace: memberUid'",
      "ldapmodify -H ldap://dir.corp.io -x -D cn=admin -y pw.txt <<< $'dn: cn=admins,ou=groups,dc=corp\\nchangetype: modify\\nadd: memberUid\\nmemberUid: carol'",
    ],
    [
      'ldapmodify -H ldaps://dir.corp.io -f ldif/offboard.ldif',
      'ldapmodify -H ldaps://dir.corp.io -f ldif/onboard.ldif',
    ],
  ])('%s is held; %s is allowed', (destructive, twin) => {
    gate.write(
      'dns/cleanup.json',
      '{"Changes":[{"Action":"DELETE","ResourceRecordSet":{"Name":"old.corp.io."}}]}',
    );
    gate.write(
      'dns/add.json',
      '{"Changes":[{"Action":"CREATE","ResourceRecordSet":{"Name":"new.corp.io."}}]}',
    );
    gate.write('ldif/offboard.ldif', 'dn: uid=dave,ou=people,dc=corp\nchangetype: delete\n');
    gate.write('ldif/onboard.ldif', 'dn: uid=erin,ou=people,dc=corp\nchangetype: add\nuid: erin\n');
    expect(gate.stopped(destructive)).toBe(true);
    const allowed = gate.decide(twin);
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
  });

  it('runs a shell function with its call’s arguments: "$@" keeps each one a word', () => {
    expect(gate.stopped('p() { gcloud --project shop-prod "$@"; }; p sql instances delete ledger')).toBe(
      true,
    );
    expect(gate.stopped('k() { kubectl --context prod-eu "$@"; }; k delete deployment api')).toBe(true);
    expect(gate.decide('k() { kubectl --context prod-eu "$@"; }; k get deployment api').decision).toBe(
      'allow',
    );
  });
});
