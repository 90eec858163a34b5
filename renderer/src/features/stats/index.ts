export { StatsButton } from './StatsButton';
