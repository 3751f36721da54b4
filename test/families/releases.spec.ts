import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// A release into production: a package, image, extension or tagged release published to a registry others install
// from is held for a person (agent-release-protected) wherever the registry may be production — a public one, a
// production one, one nobody named — and a version or image removed from one is a destructive delete. A dry run, a
// registry on this machine, a test index, a folder feed, a draft release and a dev registry stay everyday.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('package and image releases', () => {
  it.each([
    ['npm publish --dry-run', 'npm publish'],
    ['npm publish --registry http://127.0.0.1:4873/', 'npm publish --tag next'],
    ['yarn npm publish --dry-run', 'yarn npm publish --access public'],
    ['npm dist-tag ls @widgets/core', 'npm dist-tag add @widgets/core@4.0.1 latest'],
    ['npm view @widgets/core dist-tags', 'npm deprecate @widgets/core@"<4" "use v4"'],
    ['cargo publish --dry-run -p widget-core', 'cargo publish -p widget-core'],
    ['cargo package', 'cargo publish --registry crates-io'],
    ['gem build widget.gemspec', 'gem push widget-0.4.0.gem'],
    [
      'gem push widget-0.4.0.gem --host http://localhost:8808',
      'gem push widget-0.4.0.gem --host https://rubygems.org',
    ],
    ['twine upload -r testpypi dist/widget-0.4.0*', 'twine upload -r pypi dist/widget-0.4.0*'],
    [
      'twine upload --repository-url https://test.pypi.org/legacy/ dist/*',
      'twine upload --repository-url https://upload.pypi.org/legacy/ dist/*',
    ],
    ['poetry publish -r testpypi', 'poetry publish'],
    ['uv publish --dry-run', 'uv publish dist/*'],
    ['hatch publish -r test', 'hatch publish'],
    [
      'dotnet nuget push out/Widget.4.0.1.nupkg --source ./feed',
      'dotnet nuget push out/Widget.4.0.1.nupkg --source nuget.org',
    ],
    [
      'nuget push Widget.4.0.1.nupkg -Source /srv/feed',
      'nuget delete Widget 4.0.0 -Source https://api.nuget.org/v3/index.json',
    ],
    ['mvn -q package', 'mvn clean deploy -Prelease'],
    ['./gradlew publishToMavenLocal', './gradlew :core:publishAllPublicationsToOssrhRepository'],
    ['./gradlew jibDockerBuild', './gradlew jib'],
    [
      'gh release create v4.0.1-rc.2 --draft --notes wip',
      'gh release create v4.0.1 --notes-file CHANGELOG.md',
    ],
    ['gh release view v4.0.1', 'gh release edit v4.0.1 --draft=false'],
    ['npx ovsx --help', 'npx ovsx publish widget-0.4.0.vsix'],
    ['goreleaser build --snapshot', 'goreleaser release'],
    ['goreleaser release --skip=publish', 'goreleaser'],
    ['npx changeset version', 'npx changeset publish'],
    ['dart pub publish --dry-run', 'flutter pub publish --force'],
    ['mix hex.publish --dry-run', 'mix hex.publish'],
  ])('%s is everyday, %s is a release', (everyday, release) => {
    gate.allowedAndHeld(everyday, release);
  });

  it.each([
    ['docker push 127.0.0.1:5000/widgets/api:pr-7', 'docker push widgets/api:4.0.1'],
    ['podman push localhost:5000/widgets/api:dev', 'podman push quay.io/widgets/api:4.0.1'],
    [
      'docker buildx build -t localhost:5000/w/api:dev --push .',
      'docker buildx build -t ghcr.io/w/api:4 --push .',
    ],
    [
      'docker push registry.dev.widgets.internal/api:pr-9',
      'docker push registry.prod.widgets.internal/api:4',
    ],
    ['crane digest quay.io/widgets/api:4', 'crane cp quay.io/widgets/api:4 quay.io/widgets/api:latest'],
    ['crane tag localhost:5000/widgets/api:4 latest', 'crane tag quay.io/widgets/api:4 latest'],
    ['crane delete localhost:5000/widgets/api:old', 'crane delete quay.io/widgets/api:old'],
    [
      'skopeo copy docker://quay.io/w/api:4 dir:/tmp/api',
      'skopeo copy docker://quay.io/w/api:4 docker://quay.io/w/api:stable',
    ],
    [
      'regctl image copy quay.io/w/api:4 localhost:5000/w/api:4',
      'regctl image copy localhost:5000/w/api:4 quay.io/w/api:4',
    ],
    ['oras pull quay.io/w/sbom:4', 'oras push quay.io/w/sbom:4 sbom.json'],
    ['oras manifest fetch quay.io/w/sbom:4', 'oras blob delete --force quay.io/w/sbom@sha256:0123'],
    [
      'helm push out/widget-4.0.1.tgz oci://127.0.0.1:5000/charts',
      'helm push out/widget-4.0.1.tgz oci://quay.io/widgets',
    ],
    [
      'az acr run --registry widgetsacr --cmd \'acr purge --filter "api:.*" --ago 30d --dry-run\' /dev/null',
      "az acr task create --name nightly --registry widgetsacr --cmd 'acr purge --filter \"api:.*\" --ago 1d' --schedule '0 1 * * *' --context /dev/null",
    ],
  ])('%s is everyday, %s is a release or a removal', (everyday, release) => {
    gate.allowedAndHeld(everyday, release);
  });

  it('says what is released, where, and why a person must look', () => {
    const decision = gate.decide('npm publish');
    const reason = decision.reasons.find((r) => r.startsWith('[agent-release-protected]')) ?? '';
    expect(reason).toMatch(/public npm registry/);
    expect(reason).toMatch(/nobody can take back/);
    // one reason, not the deploy-effect policy's talk of dry-runs that answered
    expect(decision.reasons.some((r) => r.startsWith('[agent-deploy-protected]'))).toBe(false);
  });
});
