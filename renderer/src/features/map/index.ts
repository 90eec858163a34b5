export { MapPane, useCityPack } from './MapPane';
