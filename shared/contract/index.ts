export * from './api';
export * from './channels';
export * from './bridge';
export * from './dispatchContract';
export * from './routingContract';
