import type { Environment } from '../model.js';
import type { Identities } from './evidence.js';
import { UNKNOWN_VALUE, type Operation } from './types.js';

/** True when some environment matches on what names resolve to, so resolving them is worth a file read. */
export function matchesIdentities(environments: readonly Environment[]): boolean {
  return environments.some(
    ({ match }) =>
      (match.kubeCluster?.length ?? 0) > 0 ||
      (match.awsAccount?.length ?? 0) > 0 ||
      (match.gcpProject?.length ?? 0) > 0 ||
      (match.azureSubscription?.length ?? 0) > 0,
  );
}

/** True when an operation names something identities could resolve (a kube context, an AWS profile, gcloud). */
export function namesIdentity(op: Operation): boolean {
  return (
    op.hints.kubeContext !== undefined ||
    op.hints.awsProfile !== undefined ||
    GCLOUD.test(op.source) ||
    AZ.test(op.source)
  );
}

const GCLOUD = /(^|[\s/;&|])(gcloud|gsutil|bq)\s/;
const AZ = /(^|[\s/;&|])az\s/;
// role_arn's account: arn:aws:iam::123456789012:role/name
const ROLE_ACCOUNT = /^arn:aws[\w-]*:iam::(\d{12}):/;

/** The account id of an AWS role ARN, when it is one. */
export function accountOfRoleArn(arn: string): string | undefined {
  return ROLE_ACCOUNT.exec(arn)?.[1];
}

/**
 * Adds what an operation's names resolve to: a kube context's cluster server, an AWS profile's account,
 * the active gcloud project, the Azure CLI's default subscription. The environment resolver tries these before the names, and a protected match
 * wins, so a context renamed `kind-prod-eu` over the prod cluster is prod. A context the kubeconfig does
 * not hold resolves to nothing known, which is treated as protected.
 */
export function withIdentities(op: Operation, identities: Identities): Operation {
  const hints = { ...op.hints };
  const context = hints.kubeContext;
  if (context !== undefined && context !== UNKNOWN_VALUE && hints.kubeCluster === undefined)
    hints.kubeCluster = identities.kubeContexts[context]?.server ?? UNKNOWN_VALUE;
  const profile = hints.awsProfile;
  if (profile !== undefined && profile !== UNKNOWN_VALUE && hints.awsAccount === undefined) {
    const account = identities.awsProfiles[profile]?.account;
    if (account !== undefined) hints.awsAccount = account;
  }
  if (hints.gcpProject === undefined && identities.gcpProject !== undefined && GCLOUD.test(op.source))
    hints.gcpProject = identities.gcpProject;
  if (
    hints.azureSubscription === undefined &&
    identities.azureSubscription !== undefined &&
    AZ.test(op.source)
  )
    hints.azureSubscription = identities.azureSubscription;
  return { ...op, hints };
}
