/**
 * The Image Builder state of a world, made (and seeded) on first use so that worlds that never
 * see an Image Builder call pay nothing for it, and the EC2 model stays untouched.
 */
import { settleImageBuilds } from './imagebuilder-builds';
import { addImageBuilderFixtures } from './imagebuilder-fixtures';
import { ImageBuilderState } from './imagebuilder-model';
import type { World } from './model';

const states = new WeakMap<World, ImageBuilderState>();

export function imageBuilderState(world: World): ImageBuilderState {
  let state = states.get(world);
  if (!state) {
    state = new ImageBuilderState(world.seed);
    states.set(world, state);
    addImageBuilderFixtures(world, state);
  }
  return state;
}

/** Runs in flight reach the world clock: registers or releases their AMIs. A no-op until Image Builder is used. */
export function settleImageBuilder(world: World): void {
  const state = states.get(world);
  if (state) settleImageBuilds(world, state);
}
