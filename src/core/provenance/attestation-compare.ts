import type { Provenance } from '../model.js';

/** Attested (lines the hooks saw an agent write) against declared (trailers, notes, labels) AI provenance. */
export interface AttestationComparison {
  /** Share of commits with declared AI evidence (anything but attestation), 0…1. */
  declaredCommitShare: number;
  /** Added lines matched against attestations; absent when none were on record for the check. */
  lines?: { added: number; attested: number; share: number };
  /** Commits whose trailers or notes say AI but none of whose lines are attested: "AI-likely, unattested". */
  unattested: string[];
  /** Commits with attested lines but no declared evidence: an agent wrote lines nobody declared. */
  undeclared: string[];
}

/** Compares a change's attested and declared provenance, per commit. Pure. */
export function compareAttestation(provenance: Provenance): AttestationComparison {
  const unattested: string[] = [];
  const undeclared: string[] = [];
  let declaredCommits = 0;
  for (const commit of provenance.commits) {
    const declared = commit.evidence.some((e) => e.kind !== 'attestation');
    const attested = (commit.attested?.attestedLines ?? 0) > 0;
    if (declared) declaredCommits++;
    if (declared && !attested) unattested.push(commit.sha);
    if (attested && !declared) undeclared.push(commit.sha);
  }
  const total = provenance.commits.length;
  const a = provenance.attested;
  return {
    declaredCommitShare: total === 0 ? 0 : declaredCommits / total,
    ...(a && { lines: { added: a.addedLines, attested: a.attestedLines, share: a.share } }),
    unattested,
    undeclared,
  };
}
