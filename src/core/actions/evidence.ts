import type { Outcome } from '../model.js';
import type { InfrastructurePlan } from './plan.js';
import type { EnvironmentHints, OperationCategory } from './types.js';

/** The tools whose deploys the gate decides on their effect. */
export type DeployTool = 'terraform' | 'pulumi' | 'cdk' | 'kubectl' | 'helm' | 'argocd';

/** A deploy an agent proposed (`terraform apply`, `kubectl apply`, `helm upgrade` …), as the gate read it. */
export interface DeployIntent {
  /** Identifies this deploy between the first look and the decision on its effect. */
  key: string;
  tool: DeployTool;
  /** The command's name as it runs (`tofu`, `terragrunt`, `oc` …). */
  name: string;
  verb: string;
  /** The command's arguments as written. */
  args: string[];
  /** The absolute directory it runs in; undefined when that is only known when it runs. */
  dir?: string;
  /** A saved plan it applies (`terraform apply plan.tfplan`). */
  planFile?: string;
  /** Variables the line sets for it (`TF_WORKSPACE=prod`, `KUBECONFIG=…`). */
  env: Record<string, string>;
  hints: EnvironmentHints;
  category: OperationCategory;
  /** `terraform apply in workspace prod`. */
  summary: string;
  source: string;
}

/** What a deploy would do, as a tool said it, or why that is not known. */
export type DeployEffect =
  { known: true; plan: InfrastructurePlan; how: string } | { known: false; why: string };

/** An agent's `git push` to a branch whose changes need review. */
export interface PushIntent {
  key: string;
  remote: string;
  /** The local commit-ish being pushed (`HEAD`, a branch). */
  from: string;
  /** The branch it lands on. */
  branch: string;
  /** Why that branch is protected: `the default branch`, `review.protectedBranches release/*`. */
  because: string;
  /** The absolute directory of the repository. */
  dir?: string;
  source: string;
}

/** The change check's answer for the commits a push would land. */
export type PushReview =
  { known: true; decision: Outcome; range: string; requirements: string[] } | { known: false; why: string };

/** What names resolve to on this machine: kube contexts, AWS profiles, the active gcloud project. */
export interface Identities {
  kubeContexts: Record<string, { server?: string; namespace?: string }>;
  awsProfiles: Record<string, { account?: string; role?: string }>;
  gcpProject?: string;
  /** The Azure CLI's default subscription. */
  azureSubscription?: string;
}

/** Facts gathered outside core before a decision: computed effects, change checks, resolved identities. */
export interface ActionEvidence {
  effects: ReadonlyMap<string, DeployEffect>;
  pushes: ReadonlyMap<string, PushReview>;
  identities?: Identities;
}

/** What the gate would like to know before deciding a command. */
export interface EvidenceNeeds {
  deploys: DeployIntent[];
  pushes: PushIntent[];
  /** Names in the command resolve to identities the configuration matches on. */
  identities: boolean;
}
