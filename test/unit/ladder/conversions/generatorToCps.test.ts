// The example in the header of conversions/generatorToCps.ts is what the conversion does.
import { testHeaderExample } from './headerExample';

testHeaderExample('generator-to-cps', 'generatorToCps');
