/**
 * Brings time-dependent image state up to the world clock before an EC2 call is answered:
 * copies in flight report their progress and turn `available` once their copy time has
 * passed; ended deregistration-protection cooldowns read `disabled` again. Done lazily, per
 * call, so advanceClock takes effect on the very next call and nothing runs in the background.
 */
import type { World } from '../world/model';

export function settleImageActivity(world: World): void {
  const activity = world.imageActivity;
  const now = world.now().getTime();
  for (const task of activity.copiesInFlight()) {
    const elapsed = now - task.startedAtMs;
    const done = elapsed >= task.durationMs;
    // Progress stays below 100% until the copy is complete, as EBS reports it.
    const percent = done ? 100 : Math.min(99, Math.max(0, Math.floor((elapsed / task.durationMs) * 100)));
    for (const id of task.snapshotIds) {
      const snapshot = world.snapshot(task.region, id);
      if (!snapshot || snapshot.state !== 'pending') continue;
      snapshot.progress = `${percent}%`;
      if (done) snapshot.state = 'completed';
    }
    if (done) {
      const image = world.image(task.region, task.imageId);
      if (image?.state === 'pending') image.state = 'available';
      activity.endCopy(task.imageId);
    }
  }
  for (const { imageId, region } of activity.takeEndedCooldowns(now)) {
    const image = world.image(region, imageId);
    if (image?.deregistrationProtection?.startsWith('disabled-until-')) image.deregistrationProtection = 'disabled';
  }
}
