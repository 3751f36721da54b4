import { afterAll, beforeAll, describe, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Devices: a flash chip written or erased replaces the firmware a machine boots; a message published to a fleet's
// broker reaches every device on the topic and cannot be recalled, and clearing a retained message removes the
// state devices read when they join. Reading a chip and talking to a broker on this machine stay everyday.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
});
afterAll(() => gate.close());

describe('firmware and device fleets', () => {
  it.each([
    [
      'sudo flashrom -p internal -r /tmp/bios-backup.bin',
      'sudo flashrom -p internal --write out/firmware.rom',
    ],
    ['flashrom -p ch341a_spi -r /tmp/chip.bin', 'flashrom -p ch341a_spi --erase'],
    [
      'mosquitto_pub -t lab/sensor-3/set -m on',
      'mosquitto_pub -h hub.prod.widgets.internal -t lab/sensor-3/set -m on',
    ],
    [
      'mosquitto_pub -h localhost -t site/retained -r -n',
      'mosquitto_pub -h hub.widgets.io -t site/retained -r -n',
    ],
    [
      'mosquitto_sub -h hub.prod.widgets.internal -t "plant/#" -C 5',
      'mosquitto_pub -h hub.prod.widgets.internal -t plant/all/cmd -m \'{"action":"wipe_storage"}\'',
    ],
    ['mqttx pub -h 127.0.0.1 -t t/1 -m hi', 'mqttx pub -h hub.widgets.io -t t/1 -m hi'],
    ['balena push widgets-dev', 'balena push widgets-prod'],
    [
      'curl -s https://ota.prod.widgets.internal/rest/v1/rollouts/7',
      'curl -X POST https://ota.prod.widgets.internal/rest/v1/rollouts/7/resume',
    ],
    [
      'az iot hub device-identity delete --hub-name widgets-dev-hub --device-id bench-1',
      'az iot hub device-identity delete --hub-name widgets-hub --device-id bench-1',
    ],
    [
      'ttn-lw-cli end-devices delete widgets-dev-app bench-1',
      'ttn-lw-cli end-devices delete widgets-app bench-1',
    ],
  ])('%s is everyday, %s is not', (everyday, destructive) => {
    gate.allowedAndHeld(everyday, destructive);
  });
});
