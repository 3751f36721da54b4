import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// A deploy by a tool blastwall has no dry-run for is read from its words: held where it may reach production
// (a production word, a protected context or profile, or no environment named at all), allowed where the line
// names an unprotected environment; a question about a deploy (history, status, diff) is never one.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('deploys by tools without a dry-run', () => {
  it.each([
    ['orbitctl deploy api --env production', 'orbitctl deploy api --env dev'],
    ['shipit release web --target prod', 'shipit release web --target dev'],
    ['npx sst deploy --stage prod', 'npx sst deploy --stage dev'],
    [
      'kubectl set image deploy/web web=acme/web:2 --context prod-us',
      'kubectl set image deploy/web web=acme/web:2 --context kind-ci',
    ],
    ['kubectl scale deploy/web --replicas 0 --context prod-us', 'kubectl get deploy/web --context prod-us'],
    [
      'kubectl rollout undo deploy/web --context prod-us',
      'kubectl rollout history deploy/web --context prod-us',
    ],
    ['helm rollback web 4 --kube-context prod-us', 'helm history web --kube-context prod-us'],
    ['helmfile --environment prod apply', 'helmfile --environment prod diff'],
    ['flyctl deploy --app billing', 'flyctl status --app billing'],
    [
      'gcloud run deploy web --image gcr.io/p/web --project shop-prod',
      'gcloud run services list --project shop-prod',
    ],
    [
      'aws ecs update-service --cluster prod --service web --force-new-deployment',
      'aws ecs describe-services --cluster prod --services web',
    ],
    ['ansible-playbook -i hosts/prod deploy.yml', 'ansible-playbook -i hosts/prod deploy.yml --check'],
    ['gh workflow run release.yml -f environment=production', 'gh workflow run ci.yml --ref feature/login'],
    ['docker stack deploy -c stack.yml shop', 'docker compose up -d'],
    ['vercel deploy --prod', 'vercel inspect web.vercel.app'],
    // a runner's own options (`--filter web`) are not the tool it runs; `-h` is often a host, not help
    ['pnpm --filter web exec vercel deploy --prod', 'pnpm --filter web exec vercel inspect web.vercel.app'],
    ['acmectl deploy --region us -h api.prod.example', 'acmectl deploy --help'],
    // an unprotected word in an unrelated option says nothing of where the deploy goes
    ['acmectl deploy api --note dev', 'acmectl deploy api --env dev'],
  ])('%s is held; %s is allowed', (deploy, twin) => gate.allowedAndHeld(twin, deploy));

  it.each([
    'npx prisma migrate deploy',
    'git apply fix.patch',
    'uv sync',
    'npm publish --dry-run',
    'aws s3 sync s3://b ./b',
  ])('leaves %s to its own family', (command) => {
    expect(gate.decide(command).reasons.join(' ')).not.toMatch(/agent-deploy-protected/);
  });
});
