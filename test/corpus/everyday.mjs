// Everyday development command lines for the corpus: each must be allowed.

const BUILD = [
  'npm install', 'npm ci', 'npm run build', 'npm test', 'npm run lint', 'npm run dev', 'npm run typecheck', 'npm outdated', 'npm ls react', 'npm audit',
  'npm install --save-dev vitest', 'npm version patch --no-git-tag-version', 'npm pack --dry-run', 'npm run test -- --watch=false', 'npm exec -- tsc --noEmit',
  'pnpm install', 'pnpm build', 'pnpm test', 'pnpm lint --fix', 'pnpm -r build', 'pnpm --filter web dev', 'pnpm add zod', 'pnpm exec vitest run',
  'yarn', 'yarn build', 'yarn test --coverage', 'yarn add -D prettier', 'yarn lint', 'bun install', 'bun test', 'bun run build',
  'npx tsc --noEmit', 'npx vitest run', 'npx eslint . --fix', 'npx prettier --check .', 'npx prisma generate', 'npx prisma migrate dev --name add_users',
  'npx prisma migrate deploy', 'npx prisma studio', 'npx playwright test', 'npx jest --runInBand', 'npx next build', 'npx vite build', 'npx create-react-app demo',
  'node dist/index.js', 'node --test', 'node scripts/seed.js', 'node -v', 'node -e "console.log(process.version)"', 'node -p "require(\'./package.json\').version"',
  'tsc -p tsconfig.json', 'eslint src --ext .ts', 'prettier --write src', 'jest', 'vitest', 'mocha test/', 'webpack --mode production', 'vite',
  'make', 'make test', 'make build', 'make clean', 'make -j4', 'cmake -S . -B build', 'cmake --build build', 'ninja -C build', 'meson compile -C builddir',
  'cargo build', 'cargo build --release', 'cargo test', 'cargo clippy -- -D warnings', 'cargo fmt', 'cargo run --bin server', 'cargo clean', 'rustc --version',
  'go build ./...', 'go test ./...', 'go vet ./...', 'go mod tidy', 'go run ./cmd/api', 'gofmt -l .', 'golangci-lint run', 'go clean -testcache',
  'python -m pytest', 'python3 -m pytest -x tests/', 'pytest -k payments', 'python -m venv .venv', 'pip install -r requirements.txt', 'pip install -e .',
  'python3 -m black .', 'ruff check .', 'mypy src', 'python manage.py runserver', 'python manage.py migrate', 'python manage.py makemigrations',
  'python manage.py test', './manage.py shell', 'python3 -c "import sys; print(sys.version)"', 'python3 -c "import json; print(json.load(open(\'package.json\'))[\'name\'])"',
  'poetry install', 'poetry run pytest', 'uv sync', 'uv run pytest', 'tox -e py312', 'mvn clean install', 'mvn test', 'mvn -q package -DskipTests',
  './gradlew build', './gradlew test', 'gradle clean build', 'bundle install', 'bundle exec rspec', 'bundle exec rails db:migrate', 'rails db:migrate',
  'rails db:seed', 'rails console', 'rake test', 'rspec spec/models', 'rails server -p 3001', 'composer install', 'php artisan migrate', 'php artisan test',
  'dotnet build', 'dotnet test', 'swift build', 'mix test', 'mix deps.get', 'elixir -v', 'deno test', 'deno fmt', 'deno run --allow-net server.ts',
  'ruby -e "puts RUBY_VERSION"', 'perl -ne "print if /TODO/" src/main.c', 'perl -pi -e "s/foo/bar/g" README.md', 'sed -i "s/v1/v2/" config.yaml',
];

const SHELL = [
  'ls', 'ls -la', 'ls -la ~/', 'pwd', 'cd src', 'cat package.json', 'less README.md', 'head -n 50 src/index.ts', 'tail -f logs/app.log', 'wc -l src/**/*.ts',
  'grep -rn "TODO" src', 'rg "useEffect" src', 'rg -n "DROP TABLE" migrations/', 'grep -r "rm -rf" scripts/', 'grep -rn "terraform destroy" docs/', 'find . -name "*.ts" -not -path "./node_modules/*"',
  'find src -type f | wc -l', 'tree -L 2', 'du -sh node_modules', 'df -h', 'mkdir -p src/components', 'touch src/new.ts', 'cp .env.example .env', 'mv src/old.ts src/new.ts',
  'chmod +x scripts/deploy.sh', 'chmod 644 README.md', 'ln -s ../shared shared', 'echo $PATH', 'echo "hello"', 'echo "rm -rf / is a bad idea"', 'echo \'DROP TABLE users;\' > migrations/down.sql',
  'printf "%s\\n" "terraform destroy" >> notes.md', 'cat <<\'EOF\' > notes.txt\nremember: never run rm -rf / on prod\nEOF', 'export NODE_ENV=test', 'env | grep AWS', 'which node',
  'whoami', 'date', 'uptime', 'ps aux | grep node', 'top -b -n 1', 'lsof -i :3000', 'kill 4242', 'kill -9 51234', 'pkill -f "vite --port 5173"', 'killall node',
  'curl -s http://localhost:3000/healthz', 'curl -I https://example.com', 'curl -X POST http://localhost:3000/api/users -d \'{"name":"a"}\'', 'curl https://api.github.com/repos/acme/api',
  'wget https://example.com/file.tar.gz', 'tar -xzf file.tar.gz', 'unzip archive.zip -d vendor/', 'jq ".dependencies" package.json', 'yq ".services" docker-compose.yml',
  'diff -u a.txt b.txt', 'sort data.csv | uniq -c', 'xargs -n1 echo < list.txt', 'find . -name "*.ts" | xargs grep -l "TODO"', 'history | tail -20', 'man rm', 'rm --help',
  'code .', 'open http://localhost:3000', 'ssh-keygen -t ed25519 -C "dev@example.com" -f /tmp/testkey -N ""', 'ssh dev-box uptime', 'ssh bastion.staging.example.com "df -h"',
  'scp build.tar.gz dev-box:/tmp/', 'rsync -av src/ /tmp/backup-src/', 'rsync -a --delete dist/ /tmp/preview/', 'rsync -av --delete public/ build/public/', 'tee output.log',
  'echo "export PATH=$PATH:~/bin" >> ~/.bashrc', 'npm test 2>&1 | tee test.log', 'npm run build > build.log 2>&1', 'make > /dev/null', 'go test ./... 2>/dev/null',
  'sleep 5', 'watch -n 2 kubectl get pods', 'time npm test', 'timeout 30 npm test', 'nice -n 10 make -j2', 'sudo apt-get update', 'sudo apt-get install -y jq', 'brew install jq',
  'bash scripts/test.sh', 'sh -c "npm ci && npm test"', 'bash -c "cd web && npm run build"', 'source .venv/bin/activate', '. ~/.nvm/nvm.sh',
  'alias gs="git status"; gs', 'f() { npm test; }; f', 'for f in src/*.ts; do echo $f; done', 'if [ -f .env ]; then echo yes; fi', 'while read l; do echo "$l"; done < list.txt',
  'crontab -l', 'systemctl status docker', 'journalctl -u docker --since today', 'iptables -L -n', 'ufw status', 'shutdown --help', 'mkfs.ext4 --help',
];

// Deleting build output, caches and temporary directories, and files git can restore.
const CLEANUP = [
  'rm -rf node_modules', 'rm -rf node_modules package-lock.json', 'rm -rf dist', 'rm -rf build', 'rm -rf dist build coverage', 'rm -rf target', 'rm -rf .next',
  'rm -rf .cache', 'rm -rf __pycache__', 'rm -rf coverage', 'rm -rf .pytest_cache .mypy_cache', 'rm -rf .turbo', 'rm -rf packages/*/dist', 'rm -rf apps/web/.next',
  'rm -rf ./node_modules/.vite', 'rm -rf out', 'rm -rf .venv', 'rm -rf venv', 'rm -rf .terraform', 'rm -rf cdk.out', 'rm -rf .serverless', 'rm -rf .gradle build',
  'rm -rf /tmp/build-1234', 'rm -rf /tmp/test-output', 'rm -rf /tmp/*.log', 'rm -f /tmp/app.pid', 'rm -rf $TMPDIR/jest_cache', 'rm -rf /var/tmp/bazel-cache',
  'rm -rf ~/.cache/pip', 'rm -rf ~/.npm/_cacache', 'rm -rf ~/.cache/ms-playwright', 'rm -rf ~/code/other-app/node_modules', 'rm -f src/legacy/old-api.ts', 'rm src/utils/unused.ts',
  'rm -f .git/index.lock', 'rm -r tests/fixtures/tmp', 'rm -rf docs/_build', 'rm *.log', 'rm -f *.orig', 'rm -rf ./tmp', 'rm -rf storybook-static',
  'find . -name "*.pyc" -delete', 'find . -name __pycache__ -type d -exec rm -rf {} +', 'find . -name ".DS_Store" -delete', 'find dist -type f -name "*.map" -delete',
  'find . -name node_modules -prune -exec rm -rf {} +', 'find /tmp -name "vitest-*" -mtime +1 -delete', 'git clean -n', 'git clean -nd', 'npx rimraf dist',
  'rimraf build coverage', 'cargo clean', 'go clean -cache', 'npm cache clean --force', 'pip cache purge', 'yarn cache clean', 'docker image prune -f', 'docker builder prune -f',
  'docker rm old-worker', 'docker compose down', 'docker compose rm -s',
  // the local engine's containers, volumes and compose project are disposable dev resources: all three blind corpora
  // (written independently) call these everyday work; they were `destructive` here before (see README)
  'docker volume rm pgdata', 'docker rm -f postgres', 'docker compose down -v', 'docker-compose down --volumes', 'truncate -s 0 logs/dev.log', 'echo "" > logs/app.log', '> tmp/output.txt',
  'python3 -c "import shutil; shutil.rmtree(\'build\', ignore_errors=True)"', 'node -e "require(\'fs\').rmSync(\'dist\', { recursive: true, force: true })"',
];

const GIT = [
  'git status', 'git status -sb', 'git diff', 'git diff --staged', 'git diff main...HEAD', 'git log --oneline -20', 'git log -p src/app.ts', 'git show HEAD~1',
  'git blame src/index.ts', 'git branch', 'git branch -a', 'git branch -d feature/merged', 'git branch -m old new', 'git checkout main', 'git checkout -b feature/login',
  'git checkout feature/payments', 'git switch -c fix/typo', 'git switch main', 'git add .', 'git add -p', 'git add src/ test/', 'git commit -m "Fix login redirect"',
  'git commit -am "Update docs"', 'git commit --amend --no-edit', 'git commit -m "Remove rm -rf from setup script"', 'git commit -m "Guard against DROP TABLE in migrations"',
  'git commit -m "docs: explain why terraform destroy is blocked"', 'git push', 'git push origin feature/login', 'git push -u origin HEAD', 'git push --tags', 'git push origin v1.2.3',
  'git pull', 'git pull --rebase', 'git fetch --all --prune', 'git fetch origin', 'git merge main', 'git rebase main', 'git rebase -i HEAD~3', 'git cherry-pick abc123',
  'git stash', 'git stash list', 'git stash pop', 'git stash apply', 'git stash show -p', 'git tag v1.2.3', 'git remote -v', 'git config user.name',
  'git restore --staged src/app.ts', 'git reset HEAD~1', 'git reset --soft HEAD~1', 'git reset src/app.ts', 'git revert HEAD', 'git reflog', 'git gc', 'git worktree list',
  'git bisect start', 'git grep "DROP TABLE"', 'git log --grep "rm -rf"', 'git shortlog -sn', 'git describe --tags', 'git clone git@github.com:acme/api.git /tmp/api',
  'git submodule update --init --recursive', 'git lfs pull', 'git -C ../other status', 'git -c core.pager=cat log -5', 'gh pr list', 'gh pr create --fill', 'gh pr view 42',
  'gh pr checkout 42', 'gh issue list', 'gh run list', 'gh run watch', 'gh release list', 'gh repo view acme/api', 'gh api repos/acme/api/pulls', 'gh auth status',
];

const CLOUD_READ = [
  'aws sts get-caller-identity', 'aws s3 ls', 'aws s3 ls s3://acme-prod-assets/', 'aws s3 cp s3://acme-prod-assets/logo.png .', 'aws ec2 describe-instances --profile prod',
  'aws rds describe-db-instances', 'aws logs tail /aws/lambda/checkout --follow', 'aws cloudformation describe-stacks --stack-name prod', 'aws iam list-users',
  'aws dynamodb scan --table-name orders --max-items 5', 'aws lambda list-functions --profile prod', 'aws ecr describe-repositories', 'aws eks describe-cluster --name prod',
  'aws s3 sync s3://acme-prod-assets ./assets', 'aws configure list', 'aws secretsmanager get-secret-value --secret-id dev/db --profile dev',
  'gcloud config list', 'gcloud compute instances list', 'gcloud projects list', 'gcloud sql instances describe main-db', 'gcloud logging read "severity>=ERROR" --limit 10',
  'gcloud container clusters get-credentials dev-gke --region europe-west1', 'gsutil ls gs://acme-prod-assets', 'gsutil cp gs://acme-prod-assets/a.txt .',
  'az account show', 'az vm list -o table', 'az group list', 'az storage blob list --container-name logs --account-name acmedev',
  'terraform init', 'terraform plan', 'terraform plan -out tfplan', 'terraform plan -destroy', 'terraform validate', 'terraform fmt -recursive', 'terraform show',
  'terraform state list', 'terraform output', 'terraform workspace list', 'terraform workspace select staging', 'terraform providers', 'tofu plan', 'terragrunt plan',
  'terragrunt run-all plan', 'pulumi preview', 'pulumi stack ls', 'pulumi config', 'cdk synth', 'cdk diff', 'sam build', 'sam validate', 'serverless info --stage prod',
  'terraform destroy -help', 'terraform state show aws_s3_bucket.assets',
  'kubectl get pods', 'kubectl get pods -A', 'kubectl --context prod-eu get pods -n payments', 'kubectl describe pod api-7d9f -n prod', 'kubectl logs deploy/api -n prod --tail 100',
  'kubectl logs -f api-7d9f', 'kubectl get svc', 'kubectl get ns', 'kubectl top pods', 'kubectl config get-contexts', 'kubectl config current-context',
  'kubectl config use-context kind-local', 'kubectl get events --sort-by=.lastTimestamp', 'kubectl rollout status deploy/api', 'kubectl port-forward svc/api 8080:80',
  'kubectl apply -f k8s/dev/', 'kubectl diff -f k8s/', 'kubectl delete pod api-7d9f --dry-run=client', 'kubectl scale deploy api --replicas=3 --context kind-local',
  'kubectl exec -it api-7d9f -- ls /app', 'kubectl exec deploy/api -- env', 'kubectl auth can-i delete pods', 'kubectl explain deployment', 'kubectl get pvc -n data',
  'helm list -A', 'helm status payments', 'helm template charts/api', 'helm lint charts/api', 'helm upgrade --install api charts/api --kube-context kind-local',
  'helm repo update', 'argocd app list', 'argocd app get storefront', 'argocd app sync storefront-dev', 'docker ps', 'docker ps -a', 'docker images', 'docker logs -f api',
  'docker build -t api:dev .', 'docker run --rm -it node:20 bash', 'docker compose up -d', 'docker compose logs -f', 'docker compose ps', 'docker exec -it api sh',
  'docker exec api ls /app', 'docker volume ls', 'docker network ls', 'docker stats --no-stream', 'docker pull postgres:16', 'docker push ghcr.io/acme/api:dev',
];

const SQL_READ = [
  'psql -h localhost -U dev -d app -c "SELECT count(*) FROM users"', 'psql -c "\\dt"', 'psql -h db.prod.example.com -c "SELECT id, email FROM users LIMIT 10"',
  'psql -h db.prod.example.com -c "EXPLAIN ANALYZE SELECT * FROM orders WHERE id = 1"', 'psql "$DATABASE_URL" -c "SELECT now()"', 'psql -d app -c "\\d users"',
  'psql -c "SELECT \'DROP TABLE users\' AS warning"', 'psql -c "DELETE FROM sessions WHERE expires_at < now()"', 'psql -c "UPDATE users SET name = \'x\' WHERE id = 7"',
  'psql -c "CREATE INDEX CONCURRENTLY idx_orders_user ON orders(user_id)"', 'psql -c "INSERT INTO flags(name) VALUES (\'beta\')"', 'psql -c "VACUUM ANALYZE orders"',
  'mysql -h mysql.prod.example.com -e "SELECT COUNT(*) FROM orders"', 'mysql -e "SHOW TABLES"', 'mysql -e "DESCRIBE users"', 'mysql -e "SELECT \\`id\\` FROM users LIMIT 1"',
  'mysql -e "DELETE FROM carts WHERE updated_at < NOW() - INTERVAL 30 DAY"', 'sqlite3 app.db ".tables"', 'sqlite3 app.db "SELECT * FROM users LIMIT 5"', 'sqlite3 dev.db ".schema"',
  'mongosh --eval "db.users.countDocuments()"', 'mongosh shop --eval "db.orders.find().limit(5)"', 'mongosh --eval "db.sessions.deleteMany({ expired: true })"',
  'redis-cli PING', 'redis-cli GET session:42', 'redis-cli -h cache.prod.example.com INFO memory', 'redis-cli KEYS "user:*"', 'pg_dump -h db.prod.example.com shop > /tmp/shop.sql',
  'pg_isready -h localhost', 'psql -h localhost -c "SELECT * FROM pg_stat_activity"', 'psql -c "BEGIN; SELECT 1; COMMIT;"',
];

/** Destructive-looking lines aimed at unprotected environments (dev context, dev profile): allowed and audited. */
export const DEV_CONTEXT = [
  'kubectl --context kind-local delete namespace scratch', 'kubectl --context kind-local delete pod api-7d9f', 'kubectl --context dev-eu delete deploy api -n test',
  'kubectl --context kind-local scale deploy api --replicas=0', 'helm uninstall api --kube-context kind-local', 'kubectl --context kind-local drain kind-worker --ignore-daemonsets',
  'aws s3 rm s3://acme-dev-scratch --recursive --profile dev', 'aws ec2 terminate-instances --instance-ids i-0dev123 --profile dev', 'aws s3 rb s3://acme-dev-tmp --force --profile dev-sandbox',
  'aws dynamodb delete-table --table-name test-orders --profile dev', 'AWS_PROFILE=dev aws lambda delete-function --function-name preview-42',
  'kubectl --context=kind-local delete pvc --all', 'kubectl --context dev-us apply --prune -l app=demo -f k8s/', 'cdk destroy --profile dev --force', 'aws cloudformation delete-stack --stack-name preview-42 --profile dev',
];

/** Harder everyday lines: destructive words in data, messages, patterns and harmless flags. */
const TRICKY = [
  "git commit -F- <<'EOF'\nRemove the rm -rf ~ from the setup script\n\nIt also dropped the DROP TABLE users fixture.\nEOF",
  "cat > docs/runbook.md <<'EOF'\n# Never run\n    terraform destroy -auto-approve\n    kubectl delete namespace prod\nEOF",
  'gh pr create --title "Block git push --force in CI" --body "Stops rm -rf and DROP DATABASE from agents"', 'jq \'.scripts.clean = "rm -rf dist"\' package.json',
  "sed -i 's/rm -rf \\/tmp/rm -rf .\\/tmp/' scripts/clean.sh", 'docker run --rm alpine echo hi', 'docker run --rm -v "$PWD":/src -w /src node:20 npm test', 'npm run clean', 'make distclean',
  'kubectl logs deploy/api -n prod | grep DELETE', 'curl -X OPTIONS https://api.example.com/v1/items -i', 'curl -X PUT http://localhost:3000/api/items/1 -d @item.json',
  'python3 -c "print(\'rm -rf /\')"', 'node -e "console.log(\'fs.rmSync is dangerous\')"', 'psql -c "COMMENT ON TABLE users IS \'do not DROP TABLE\'"',
  'psql -c "SELECT * FROM audit WHERE statement LIKE \'%TRUNCATE%\'"', 'git log --all --oneline -- "*.sql" | grep -i drop', 'rg -n "git reset --hard" .github/',
  'echo "alias nuke=\'rm -rf ~\'" >> docs/anti-patterns.md', 'grep -c "kubectl delete" deploy/*.sh', 'shellcheck scripts/*.sh', 'cat scripts/teardown.sh',
  'terraform plan -destroy -out destroy.tfplan', 'terraform show -json destroy.tfplan > /tmp/plan.json', 'aws s3 rm s3://acme-dev-scratch/tmp/file.txt --profile dev',
  'kubectl --context kind-local delete -f k8s/dev/job.yaml', 'docker compose -f docker-compose.test.yml down -v --context default'.replace(' --context default', '').replace('down -v', 'down'),
  'git push --tags origin', 'git push origin feature/login:feature/login', 'git branch --delete fix/merged', 'git stash push -m "wip: rm -rf experiment"', 'git tag -a v2.0.0 -m "drop legacy api"',
  'find . -type f -name "*.rej" -print', 'find . -mtime -1 -name "*.ts"', 'xargs -0 -n1 basename < files.txt', 'ls | xargs -I{} echo {}', 'echo dist | xargs rm -rf',
  'ssh dev-box "cd project && git status"', 'kubectl --context kind-local exec -it api-0 -- rm -rf /tmp/cache', 'docker exec api rm -f /tmp/app.lock',
];

/** Lines merely mentioning destructive commands, in strings, messages and patterns. */
const MENTIONS = [];
for (const phrase of ['rm -rf /', 'DROP TABLE users', 'terraform destroy', 'kubectl delete namespace prod', 'git push --force', 'DROP DATABASE shop', 'git reset --hard']) {
  MENTIONS.push(
    `echo "${phrase}"`, `grep -rn "${phrase}" .`, `git commit -m "Block ${phrase} in agent hooks"`, `rg -F "${phrase}" docs/`, `printf '%s\\n' '${phrase}'`,
    `git log -S "${phrase}" --oneline`, `echo '${phrase}' >> docs/dangerous-commands.md`, `gh issue create --title "Agent ran ${phrase}" --body "see logs"`,
  );
}

function product(items, variants) {
  const out = [];
  for (const item of items) for (const variant of variants) out.push(variant(item));
  return out;
}

/** Combinatorial variety: the same read-only operations across contexts, profiles and paths. */
const GENERATED = [
  ...product(['pods', 'deployments', 'services', 'ingress', 'configmaps', 'nodes', 'pvc', 'jobs'], [
    (r) => `kubectl get ${r} -n payments`, (r) => `kubectl --context prod-eu get ${r}`, (r) => `kubectl describe ${r} -n checkout`, (r) => `kubectl get ${r} -o yaml --context staging-eu`,
  ]),
  ...product(['prod', 'staging', 'dev'], [
    (p) => `aws s3 ls --profile ${p}`, (p) => `aws ec2 describe-instances --profile ${p} --output table`, (p) => `aws rds describe-db-snapshots --profile ${p}`,
    (p) => `aws cloudwatch get-metric-statistics --namespace AWS/EC2 --metric-name CPUUtilization --profile ${p} --start-time 2026-01-01 --end-time 2026-01-02 --period 3600 --statistics Average`,
    (p) => `terraform -chdir=infra/${p} plan`, (p) => `terraform -chdir=infra/${p} output -json`, (p) => `gcloud compute instances list --project acme-${p}`,
  ]),
  ...product(['users', 'orders', 'payments', 'sessions', 'audit_log'], [
    (t) => `psql -h db.prod.example.com -c "SELECT count(*) FROM ${t}"`, (t) => `psql -c "SELECT * FROM ${t} ORDER BY id DESC LIMIT 20"`,
    (t) => `mysql -e "SELECT * FROM ${t} WHERE created_at > NOW() - INTERVAL 1 DAY"`, (t) => `sqlite3 dev.db "SELECT count(*) FROM ${t}"`,
    (t) => `grep -rn "DROP TABLE ${t}" migrations/`, (t) => `rg "TRUNCATE ${t}" db/`,
  ]),
  ...product(['api', 'web', 'worker', 'payments', 'checkout'], [
    (s) => `npm run build --workspace ${s}`, (s) => `pnpm --filter ${s} test`, (s) => `docker logs ${s} --tail 50`, (s) => `kubectl logs deploy/${s} -n prod --since 1h`,
    (s) => `rm -rf services/${s}/dist`, (s) => `rm -rf services/${s}/node_modules`, (s) => `git log --oneline -- services/${s}`, (s) => `git diff main -- services/${s}`,
    (s) => `helm template charts/${s} | kubectl diff -f -`, (s) => `docker build -t ${s}:dev services/${s}`, (s) => `go test ./services/${s}/...`, (s) => `cat services/${s}/README.md`,
  ]),
  ...product(['src/app.ts', 'src/index.ts', 'README.md', 'package.json', 'docs/setup.md'], [
    (f) => `git diff ${f}`, (f) => `git log -p --follow ${f}`, (f) => `cat ${f}`, (f) => `wc -l ${f}`, (f) => `git add ${f}`, (f) => `npx prettier --write ${f}`,
    (f) => `git checkout main -- ${f}`.replace('checkout main --', 'show main:'), (f) => `cp ${f} /tmp/`,
  ]),
  ...product(['main', 'feature/login', 'fix/null-check', 'release/2.4', 'develop'], [
    (b) => `git log --oneline origin/${b}`, (b) => `git diff origin/${b}...HEAD --stat`, (b) => `git checkout ${b}`, (b) => `git pull origin ${b}`,
    (b) => `git merge --no-ff ${b}`, (b) => `git rebase origin/${b}`, (b) => `git push origin HEAD:refs/for/${b}`, (b) => `gh pr create --base ${b} --fill`,
  ]),
  ...product(['unit', 'integration', 'e2e'], [
    (t) => `npm run test:${t}`, (t) => `pnpm vitest run test/${t}`, (t) => `pytest tests/${t} -q`, (t) => `go test ./test/${t}/... -run Test`, (t) => `rm -rf test-results/${t}`,
  ]),
];

/** All everyday lines (without the dev-context ones). */
// Everyday counterparts of the line-context forms in destructive.mjs (LINE_CONTEXT).
const LINE_CONTEXT = [
  'cd build && rm -rf *', '(cd packages/app && rm -rf dist)', 'cd /tmp && rm -rf build-1234', 'cd src && rm -rf ../dist', 'pushd web && rm -rf node_modules && popd',
  'cd web && npm ci && cd .. && rm -rf dist', 'cd $TMPDIR && rm -rf jest_cache', '(cd /etc && ls) && rm -rf dist', 'cd ~/code/other-app && rm -rf node_modules',
  'cd build && rm -rf .', 'set -e; cd build; rm -rf ./*', 'cd build || exit 1; rm -rf .',
  'ssh dev-box -- uptime', 'ssh -t dev-box htop', 'script -q -c "npm test" /dev/null', 'unshare -r npm test', 'chrt -f 10 make', 'ionice -c3 make -j4',
  'firejail npm test', 'proxychains curl https://example.com', 'torsocks curl https://example.com', 'systemd-run --user --scope npm run build', 'make -f Makefile.dev test',
  "echo 'npm test' > x.sh && bash x.sh", "printf 'make\\nmake test\\n' > /tmp/a.sh; sh /tmp/a.sh", "cat > run.sh <<'EOF'\nnpm ci\nrm -rf dist\nEOF\nbash run.sh",
  'pgrep -f "vite --port 5173" | xargs kill', 'kill $(pgrep -f jest)', 'kill $(cat server.pid)', 'lsof -t -i :3000 | xargs kill',
  'NODE_ENV=test; npm test', 'dir=$(mktemp -d); ls $dir', 'X=1', 'echo dist coverage | xargs rm -rf', 'printf "%s\\n" build | xargs -I{} rm -rf {}',
];

export const EVERYDAY = [...BUILD, ...SHELL, ...CLEANUP, ...GIT, ...CLOUD_READ, ...SQL_READ, ...TRICKY, ...MENTIONS, ...GENERATED, ...LINE_CONTEXT];
// Reading blastwall's files and the agents' hook settings stays allowed (issue 8 holds only changes).
export const SELF_PROTECTION_READS = [
  'cat .claude/settings.json', "jq '.hooks' .claude/settings.json", 'grep -n protected blastwall.yaml', 'cp blastwall.yaml /tmp/blastwall.yaml.bak',
  'git commit -m "Document why we never use --no-verify"', 'echo BLASTWALL_AGENT', 'printenv | grep BLASTWALL_', 'git config --get core.hooksPath',
  'ls -la ~/.codex', 'cat ~/.config/blastwall/blastwall.yaml', 'pgrep -f blastwall', 'git diff policies/', 'git log -- .claude/settings.json',
  'blastwall check HEAD~1..HEAD', 'cat .codex/config.toml | head -20', 'wc -l policies/*.cedar',
];
