export { AlarmControl } from './AlarmControl';
