// The example in the header of conversions/directToCps.ts is what the conversion does.
import { testHeaderExample } from './headerExample';

testHeaderExample('direct-to-cps', 'directToCps');
