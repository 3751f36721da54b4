import type { AttestedShare, ChangeAttestation, Evidence, LineMatch, Provenance } from '../model.js';

/** The evidence sentence for one writer: "n of m added lines were written by claude-code for jo (session …)". */
function evidenceOf(match: LineMatch): Evidence[] {
  return match.sources.map((source) => ({
    tool: source.agent,
    kind: 'attestation',
    text:
      `${source.lines} of ${match.addedLines} added lines were written by ${source.agent}` +
      `${source.onBehalfOf ? ` for ${source.onBehalfOf}` : ''}${source.session ? ` (session ${source.session})` : ''}`,
    strength: 'attested',
  }));
}

function shareOf(match: LineMatch): AttestedShare {
  return {
    addedLines: match.addedLines,
    attestedLines: match.attestedLines,
    share: match.addedLines === 0 ? 0 : match.attestedLines / match.addedLines,
  };
}

/**
 * Adds attested line evidence to a change's provenance: attested lines make the change (and their commits)
 * AI-assisted whatever the trailers say; the share of added lines is reported beside the share of commits.
 */
export function withAttestation(
  provenance: Provenance,
  attestation: ChangeAttestation | undefined,
): Provenance {
  if (!attestation) return provenance;
  const tools = new Set(provenance.tools);
  const commits = provenance.commits.map((commit) => {
    const match = attestation.commits[commit.sha];
    if (!match) return commit;
    const evidence = [...commit.evidence, ...evidenceOf(match)];
    const attested = match.attestedLines > 0;
    for (const source of match.sources) tools.add(source.agent);
    return {
      ...commit,
      aiAssisted: commit.aiAssisted || attested,
      tools: attested
        ? [...new Set([...commit.tools, ...match.sources.map((s) => s.agent)])].sort()
        : commit.tools,
      evidence,
      attested: shareOf(match),
    };
  });
  const changeEvidence = evidenceOf(attestation.change);
  for (const source of attestation.change.sources) tools.add(source.agent);
  const aiCommits = commits.filter((commit) => commit.aiAssisted).length;
  return {
    ...provenance,
    aiAssisted: provenance.aiAssisted || attestation.change.attestedLines > 0 || aiCommits > 0,
    tools: [...tools].sort(),
    aiShare: commits.length === 0 ? provenance.aiShare : aiCommits / commits.length,
    commits,
    ...(provenance.evidence || changeEvidence.length > 0
      ? { evidence: [...(provenance.evidence ?? []), ...changeEvidence] }
      : {}),
    attested: { ...shareOf(attestation.change), ignoredRecords: attestation.ignored.length },
  };
}
