/** The dispatch closed loop: lifecycle state machine, measures, permissions, duplicate suggestions. */
export * from './lifecycleTypes';
export * from './transitionTable';
export * from './stateMachine';
export * from './metrics';
export * from './permissions';
export * from './duplicates';
export * from './seatControls';
