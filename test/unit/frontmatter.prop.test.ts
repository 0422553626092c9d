import { parserProperties } from '../properties/parser.props';
import { QUICK_RUNS, describeProperties } from '../properties/runner';

describeProperties('parseFrontMatter properties (quick; npm run fuzz runs many more)', parserProperties, QUICK_RUNS);
