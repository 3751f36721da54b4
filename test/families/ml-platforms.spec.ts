import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// ML platforms: their CLIs' remote deletes (dvc's cloud gc, mlflow's gc against a server, ray's teardown), the
// API-client calls in code that destroy (told from local data by where the object comes from), and the inline
// code of more interpreters. Each line beside an everyday twin through the same door.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('ML platform CLIs', () => {
  it.each([
    ['dvc gc --all-commits --cloud --remote s3-prod -f', 'dvc gc --workspace -f'],
    ['dvc gc -aTc', 'dvc gc -aT'],
    ['dvc destroy -f', 'dvc status --cloud'],
    [
      'mlflow gc --backend-store-uri mysql://ml@tracking.prod.corp.io/mlflow',
      'mlflow gc --backend-store-uri ./mlruns',
    ],
    [
      'mlflow gc --backend-store-uri postgresql://ml@metrics.corp.io/runs --older-than 30d',
      'mlflow gc --backend-store-uri postgresql://ml@localhost:5432/runs --older-than 30d',
    ],
    [
      'MLFLOW_TRACKING_URI=https://mlflow.corp.io mlflow gc',
      'MLFLOW_TRACKING_URI=sqlite:///exp.db mlflow gc',
    ],
    ['ray down --yes infra/ray-production.yaml', 'ray get-head-ip infra/ray-production.yaml'],
    ['ray down --yes ray/gpu-cluster.yaml', 'ray down --yes ray/gpu-dev.yaml'],
    ['huggingface-cli repo delete acme/churn-model --yes', 'huggingface-cli delete-cache --disable-tui'],
    [
      'aws sagemaker delete-model --model-name churn-v9 --profile prod',
      'aws sagemaker list-models --profile prod',
    ],
  ])('%s is stopped; %s is allowed', (destructive, twin) => gate.allowedAndHeld(twin, destructive));

  it('reads the environment of `ray down` from the cluster named in its file', () => {
    gate.write(
      'clusters/gpu.yaml',
      'cluster_name: ranker-prod\nprovider:\n  type: aws\n  region: us-east-1\n',
    );
    gate.write(
      'clusters/laptop.yaml',
      'cluster_name: scratch\nprovider:\n  type: local\n  head_ip: 127.0.0.1\n',
    );
    expect(gate.stopped('ray down -y clusters/gpu.yaml')).toBe(true);
    const allowed = gate.decide('ray down -y clusters/laptop.yaml');
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
  });
});

describe('API client deletes in code', () => {
  it.each([
    [
      `python3 -c "from huggingface_hub import HfApi; api = HfApi(); api.delete_repo(repo_id='acme/churn')"`,
      `python3 -c "from huggingface_hub import HfApi; api = HfApi(); print(api.list_models(author='acme'))"`,
    ],
    [
      `python -c "import wandb; api = wandb.Api(); [r.delete() for r in api.runs('acme/churn')]"`,
      `python -c "import wandb; api = wandb.Api(); print(len(api.runs('acme/churn')))"`,
    ],
    [
      `python -c "from mlflow import MlflowClient; MlflowClient('http://mlflow.corp.io').delete_experiment('7')"`,
      `python -c "from mlflow import MlflowClient; print(MlflowClient('http://mlflow.corp.io').get_experiment('7'))"`,
    ],
    [
      `python -c "import mlflow; mlflow.delete_experiment('7')"`,
      `python -c "import pandas as pd; df = pd.read_csv('a.csv'); df.drop(columns=['id']).to_csv('b.csv')"`,
    ],
    [
      `python -c "from google.cloud import aiplatform; aiplatform.Endpoint('123').delete(force=True)"`,
      `python -c "import os, shutil; os.remove('out.txt'); shutil.rmtree('build')"`,
    ],
    [
      `node -e "const { OpenAI } = require('openai'); new OpenAI().files.del('f1').then(() => new OpenAI().vectorStores.delete('vs1'))"`,
      `node -e "const items = [1, 2]; const m = new Map([[1, 2]]); m.delete(1); console.log(items)"`,
    ],
    [
      `node --input-type=module -e "import { deleteRepo } from '@huggingface/hub'; await deleteRepo({ repo: 'acme/churn' })"`,
      `node -e "const cache = new Set([1]); cache.delete(1)"`,
    ],
  ])('%s is stopped; %s is allowed', (destructive, twin) => gate.allowedAndHeld(twin, destructive));

  it('reads an API client delete in a program file the same way', () => {
    gate.write(
      'tools/prune.py',
      'from huggingface_hub import HfApi\n\napi = HfApi()\nfor repo in ["acme/a", "acme/b"]:\n    api.delete_repo(repo)\n',
    );
    gate.write(
      'tools/tidy.py',
      'import pandas as pd\n\nframe = pd.read_csv("x.csv")\nframe.drop(columns=["a"])\n',
    );
    expect(gate.stopped('python tools/prune.py')).toBe(true);
    const allowed = gate.decide('python tools/tidy.py');
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
  });
});

describe('inline code of more interpreters', () => {
  it.each([
    [`lua -e 'os.execute("rm -rf /var/lib/app")'`, `lua -e 'os.execute("uname -a")'`],
    [`luajit -e 'os.execute("rm -rf " .. arg[1])'`, `luajit -e 'print(jit.version)'`],
    [`Rscript -e 'system("dropdb -h pg.prod.corp.io ledger")'`, `Rscript -e 'system("R --version")'`],
    [
      `Rscript -e 'unlink("~/thesis", recursive = TRUE)'`,
      `Rscript -e 'unlink("tmp-plots", recursive = TRUE)'`,
    ],
    [
      "julia -e 'run(`kubectl --context prod-eu delete ns ml`)'",
      "julia -e 'run(`kubectl --context prod-eu get ns`)'",
    ],
    ["julia -e 'cmd = ARGS[1]; run(cmd)'", "julia -e 'println(sum(1:10))'"],
    ["echo 'exec rm -rf /home/ana' | tclsh", "echo 'exec date' | tclsh"],
  ])('%s is stopped; %s is allowed', (destructive, twin) => gate.allowedAndHeld(twin, destructive));
});
