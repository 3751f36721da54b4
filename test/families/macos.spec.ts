import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// macOS's own administration tools: Time Machine backups and snapshots lost, disks erased or repartitioned,
// system daemons stopped, and the firewall, SIP and Gatekeeper switched off — beside the everyday twin through the
// same tool (a listing, a status, the user's own launch agent, a simulator, which lives on this machine).

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('macOS system destruction and safeguards', () => {
  it.each([
    ['sudo tmutil thinlocalsnapshots / 10000000000 4', 'tmutil listlocalsnapshots /'],
    ['tmutil delete -d /Volumes/Backup -t 2026-11-01-120000', 'tmutil listbackups'],
    ['sudo tmutil removedestination 0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0', 'tmutil destinationinfo'],
    ['sudo tmutil disable', 'tmutil status'],
    ['diskutil eraseVolume APFS Scratch /Volumes/USB', 'diskutil info /Volumes/USB'],
    ['sudo diskutil secureErase 0 /dev/disk6', 'diskutil list external'],
    ['diskutil apfs deleteVolume disk3s4', 'diskutil apfs list'],
    ['sudo diskutil reformat /Volumes/Media', 'diskutil verifyVolume /Volumes/Media'],
    ['sudo launchctl bootout system/com.apple.syslogd', 'launchctl print system/com.apple.syslogd'],
    [
      'sudo launchctl disable system/com.apple.locate',
      'launchctl unload ~/Library/LaunchAgents/com.acme.sync.plist',
    ],
    [
      'sudo /usr/libexec/ApplicationFirewall/socketfilterfw --setstealthmode off',
      '/usr/libexec/ApplicationFirewall/socketfilterfw --getstealthmode',
    ],
    [
      'sudo defaults write /Library/Preferences/com.apple.alf stealthenabled -bool false',
      'defaults write com.apple.dock autohide -bool true',
    ],
    [
      'defaults write com.apple.LaunchServices LSQuarantine -bool false',
      'defaults read com.apple.LaunchServices',
    ],
    ['csrutil disable', 'csrutil status'],
    ['sudo spctl --global-disable', 'spctl --assess -v /Applications/Acme.app'],
    ['sudo fdesetup disable', 'fdesetup status'],
  ])('%s is held; %s is allowed', (destructive, twin) => {
    expect(gate.stopped(destructive)).toBe(true);
    const allowed = gate.decide(twin);
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
  });

  it.each([
    ['xcrun simctl erase booted'],
    ['xcrun simctl delete unavailable'],
    ['xcrun simctl shutdown all'],
  ])('%s only touches simulators on this machine', (line) => {
    const decided = gate.decide(line);
    expect(decided.decision, decided.reasons.join('\n')).toBe('allow');
  });
});
