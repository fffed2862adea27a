import builtInTables from 'virtual:policy-lens/built-in-tables';
import { startBackground } from '@/src/background';

export default defineBackground(() => {
  // Listeners must be added in the worker's first turn, so nothing is awaited here.
  startBackground({ builtInTables });
});
