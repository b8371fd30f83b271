// Cytoscape with the ELK layered layout registered: one module for the call-chain and topology graphs.
import cytoscape from 'cytoscape';
import cytoscapeElk from 'cytoscape-elk';

cytoscape.use(cytoscapeElk);
export default cytoscape;
