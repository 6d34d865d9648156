// The example in the header of conversions/generatorToAsync.ts is what the conversion does.
import { testHeaderExample } from './headerExample';

testHeaderExample('generator-to-async', 'generatorToAsync');
