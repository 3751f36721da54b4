import { describe, expect, it } from 'vitest';
import type { SqlAnalyzer } from './sql-analyzer.js';
import { cmd, cmdArgs, surroundings } from './command-factory.js';
import { classifiedCommandNames, classifyCommand } from './index.js';

// SQL is covered with the real parser in sql.spec.ts; here a stub keeps these tests pure.
const deps = { sql: { analyze: () => ({ statements: [], errors: [] }) } satisfies SqlAnalyzer };
const here = surroundings();

function destructive(text: string, extra = {}): boolean {
  return classifyCommand(cmd(text, extra), here, deps).some((op) => op.destructive);
}

describe('classifyCommand', () => {
  it.each([
    'rm -rf /',
    'rm -rf /*',
    'rm -rf ~',
    'rm -rf $HOME',
    'rm -fr /etc',
    'rm -rf ../other-project',
    'rm -rf /home/dev/project',
    'rm -rf .git',
    'rm -rf /tmp',
    'rm ~/.ssh/id_rsa',
    'shred -u secrets.env',
    'dd if=/dev/zero of=/dev/sda bs=1M',
    'mkfs.ext4 /dev/sdb1',
    'wipefs -a /dev/nvme0n1',
    'truncate -s 0 /var/log/syslog',
    'rsync -a --delete ./ /srv/www',
    'rsync -a --delete dist/ deploy@web1.prod:/var/www',
    'chmod -R 777 /',
    'chown -R dev /usr',
    'crontab -r',
    'shutdown -h now',
    'reboot',
    'init 0',
    'iptables -F',
    'nft flush ruleset',
    'ufw disable',
    'kill -9 -1',
    'pkill -u dev',
    'find / -name *.log -delete',
    'find ~ -type f -exec rm -f {} ;',
    'git reset --hard HEAD~3',
    'git clean -fdx',
    'git push --force origin main',
    'git push -f',
    'git push origin +main',
    'git push origin :release/1.2',
    'git push --delete origin develop',
    'git push origin :v2.0.0',
    'git push -f --tags origin',
    'git push --mirror backup',
    'git branch -D main',
    'git checkout -- .',
    'git checkout .',
    'git restore src/app.ts',
    'git stash clear',
    'git stash drop',
    'git filter-branch --tree-filter true HEAD',
    'git filter-repo --path secrets --invert-paths',
    'git reflog expire --expire=now --all',
    'git update-ref -d refs/heads/main',
    'git gc --prune=now',
    'git -C /srv/repo reset --hard',
    'terraform destroy -auto-approve',
    'terraform -chdir=infra/prod apply -destroy',
    'terraform apply -replace=aws_db_instance.main',
    'tofu state rm aws_s3_bucket.logs',
    'terragrunt run-all destroy',
    'terraform workspace delete prod',
    'pulumi destroy --yes -s prod',
    'pulumi stack rm prod',
    'cdk destroy --force',
    'sam delete --stack-name api',
    'serverless remove --stage prod',
    'aws s3 rb s3://prod-assets --force',
    'aws s3 rm s3://prod-assets --recursive',
    'aws ec2 terminate-instances --instance-ids i-123',
    'aws rds delete-db-instance --db-instance-identifier prod --skip-final-snapshot',
    'aws kms schedule-key-deletion --key-id abc',
    'aws cloudformation delete-stack --stack-name prod',
    'gcloud projects delete acme-prod',
    'gcloud sql instances delete main --project acme-prod',
    'gsutil rm -r gs://acme-backups',
    'az group delete --name prod-rg --yes',
    'curl -X DELETE https://api.example.com/v1/volumes/vol-1',
    'curl -XDELETE http://es.prod:9200/logs-*',
    'wget --method=DELETE https://api.example.com/x',
    'http DELETE api.example.com/items/1',
    'kubectl delete namespace payments',
    'kubectl --context prod-eu delete deploy api',
    'kubectl replace --force -f app.yaml',
    'kubectl drain node-1',
    'kubectl scale deploy api --replicas=0',
    'kubectl apply --prune -f manifests/ -l app=web',
    'helm uninstall payments',
    'argocd app delete storefront',
    'docker system prune -af --volumes',
    'docker volume prune -f',
    'docker volume rm pgdata',
    'docker rm -f db',
    'docker compose down -v',
    'gh repo delete acme/api --yes',
    'gh release delete v1.0.0',
    'gh api -X DELETE repos/acme/api',
    'npm unpublish @acme/lib@1.0.0',
    'heroku apps:destroy --app acme-prod --confirm acme-prod',
    'fly apps destroy acme-prod',
    'vercel remove acme --yes',
    'dropdb -h db.prod.example.com shop',
    'redis-cli -h cache.prod FLUSHALL',
    'prisma migrate reset --force',
    'prisma db push --accept-data-loss',
    'rails db:drop',
    'rake db:reset',
    'npx prisma migrate reset --force',
    'bundle exec rails db:drop',
    'npx rimraf /home/dev',
    // the workspace's contents wholesale (docs: wholesale deletion): uncommitted work goes with them
    'rm -rf *',
  ])('%s is destructive', (text) => {
    expect(destructive(text)).toBe(true);
  });

  it.each([
    'rm -rf node_modules',
    'rm -rf dist build coverage',
    'rm -rf ./target',
    'rm -rf /tmp/build-123',
    'rm -f src/old.ts',
    'rm -rf packages/web/.next',
    'rm -rf ~/.cache/pip',
    'rm -rf /home/dev/other/node_modules',
    'rm -f .git/index.lock',
    'find . -name __pycache__ -exec rm -rf {} +',
    'find . -name *.pyc -delete',
    'chmod +x scripts/build.sh',
    'chmod -R u+w build',
    'truncate -s 0 logs/app.log',
    'rsync -a --delete src/ dist/',
    'git status',
    'git push origin feature',
    'git push -u origin HEAD',
    // a feature branch is the agent's own: rewriting or deleting it loses nothing its reflog does not keep
    'git push -f origin feature/x',
    'git push origin +fix/typo',
    'git push --delete origin feature/old',
    'git push origin :spike/y',
    'git checkout main',
    'git checkout -b feature/x',
    'git restore --staged src/app.ts',
    'git clean -n',
    'git reset --soft HEAD~1',
    'git branch -d merged',
    'git stash list',
    'git reflog',
    'git gc',
    'terraform plan',
    'terraform plan -destroy',
    'terraform apply tfplan',
    'pulumi preview',
    'aws s3 ls s3://bucket',
    'aws ec2 describe-instances',
    'gcloud compute instances list',
    'gsutil ls gs://b',
    'az vm list',
    'curl -X GET https://api.example.com/x',
    'curl https://example.com',
    'kubectl get pods',
    'kubectl delete pod x --dry-run=client',
    'kubectl scale deploy api --replicas=3',
    'helm list',
    'docker ps',
    'docker compose down',
    'docker rm old-container',
    'gh pr list',
    'npm install',
    'npm run build',
    'pnpm test',
    'npx vitest run',
    'kill 12345',
    'pkill -f vite',
    'node -e console.log(1)',
    'python3 -m pytest',
    'redis-cli GET key',
    'prisma migrate dev',
    'rails db:migrate',
    'echo rm -rf /',
    'grep -r DROP TABLE .',
    'shutdown -c',
  ])('%s is not destructive', (text) => {
    expect(destructive(text)).toBe(false);
  });

  it.each([
    ['python3', ['-c', "import shutil; shutil.rmtree('/var/lib/postgresql')"], true],
    ['python3', ['-c', "import os; os.system('rm -rf /')"], true],
    ['node', ['-e', "require('fs').rmSync('/home/dev', {recursive: true})"], true],
    ['node', ['-e', "require('child_process').execSync('rm -rf ~')"], true],
    ['perl', ['-e', 'unlink glob "/etc/*"'], true],
    ['ruby', ['-e', "FileUtils.rm_rf('/srv/data')"], true],
    ['python3', ['-c', "import shutil; shutil.rmtree('build')"], false],
    ['node', ['-e', "require('fs').rmSync('dist', {recursive: true, force: true})"], false],
    ['python3', ['-c', 'print(1 + 1)'], false],
  ])('%s %j destructive: %s', (name, args, expected) => {
    expect(classifyCommand(cmdArgs(name, args), here, deps).some((op) => op.destructive)).toBe(expected);
  });

  it.each([
    ['python3', ['-'], "import shutil\nshutil.rmtree('/srv/data')\n", true],
    ['node', [], "require('fs').rmSync('dist', { recursive: true })\n", false],
    // a literal `system("…")` command is parsed and judged by the shell reader; a computed one is held here
    ['awk', ['{ system("rm -rf " $1) }', 'dirs.txt'], undefined, true],
    ['awk', ['BEGIN { system("date") }'], undefined, false],
    ['awk', ['{ print $1 }', 'access.log'], undefined, false],
    ['tar', ['-cf', '/dev/null', '.', '--checkpoint-action=exec=sh x.sh'], undefined, true],
    ['tar', ['-czf', 'dist.tgz', 'dist'], undefined, false],
    ['parallel', ['rm', '-rf', ':::', '/etc', '/usr'], undefined, true],
    ['parallel', ['gzip', ':::', 'a.log', 'b.log'], undefined, false],
    ['at', ['now', '+', '1', 'minute'], 'rm -rf ~', true],
    ['npm', ['exec', '--', 'rimraf', '/home/dev'], undefined, true],
    ['npm', ['install', 'rimraf', 'dist'], undefined, false],
    ['pnpm', ['dlx', 'prisma', 'migrate', 'reset'], undefined, true],
  ])('%s %j (stdin %j) destructive: %s', (name, args, stdin, expected) => {
    const command = cmdArgs(name, args, stdin === undefined ? {} : { stdin });
    expect(classifyCommand(command, here, deps).some((op) => op.destructive)).toBe(expected);
  });

  it('redirects over files outside the workspace are destructive, inside or to /dev/null not', () => {
    expect(destructive('echo', { redirects: [{ op: '>', target: '/etc/hosts' }] })).toBe(true);
    expect(destructive('echo', { redirects: [{ op: '>', target: '~/.bashrc' }] })).toBe(true);
    expect(destructive('echo', { redirects: [{ op: '>', target: 'out.txt' }] })).toBe(false);
    expect(destructive('make', { redirects: [{ op: '2>', target: '/dev/null' }] })).toBe(false);
  });

  it('carries environment hints from flags, variables and surroundings', () => {
    const aws = classifyCommand(cmd('aws s3 rb s3://x', { env: { AWS_PROFILE: 'prod' } }), here, deps)[0];
    const kube = classifyCommand(
      cmd('kubectl delete ns web'),
      surroundings({ kubeContext: 'prod-eu' }),
      deps,
    )[0];
    const tf = classifyCommand(
      cmd('terraform destroy'),
      surroundings({ env: { TF_WORKSPACE: 'prod' } }),
      deps,
    )[0];
    const ssh = classifyCommand(
      cmd('rm -rf /var/lib/mysql', { remote: { kind: 'ssh', host: 'db1.prod' } }),
      here,
      deps,
    )[0];
    expect(aws?.hints.awsProfile).toBe('prod');
    expect(kube?.hints.kubeContext).toBe('prod-eu');
    expect(tf).toMatchObject({
      summary: 'terraform destroy of everything in workspace prod',
      hints: { terraformWorkspace: 'prod' },
    });
    expect(ssh?.hints).toEqual({ host: 'db1.prod', path: '/var/lib/mysql' });
  });

  it('treats a command name known only at run time as unknown and destructive', () => {
    expect(classifyCommand(cmd('$CMD -rf /', { dynamicName: true }), here, deps)[0]).toMatchObject({
      kind: 'unknown',
      destructive: true,
    });
  });

  it('never throws on odd arguments for any registered command', () => {
    const oddArgs = [
      [],
      ['-'],
      ['--'],
      ['--', ''],
      ['='],
      [''],
      ['-X'],
      ['--profile'],
      ['-c'],
      ['-e'],
      [':::'],
      ['delete'],
      ['rm', '-rf'],
    ];
    for (const name of classifiedCommandNames(deps)) {
      for (const args of oddArgs) {
        const command = cmdArgs(name, args, { redirects: [{ op: '>', target: '' }], stdin: '' });
        expect(() => classifyCommand(command, here, deps)).not.toThrow();
      }
    }
  });

  it('dispatches by name through the registry', () => {
    // Speed is measured in bench/gate.mjs, not asserted here: timing on a shared machine is noise.
    expect(classifiedCommandNames(deps)).toEqual(
      expect.arrayContaining(['terraform', 'kubectl', 'rm', 'psql']),
    );
    expect(classifyCommand(cmd('ls -la'), here, deps)).toEqual([]);
  });
});
