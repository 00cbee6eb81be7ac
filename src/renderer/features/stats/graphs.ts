/**
 * Whether the stats graphs are open: the stats bar's Graphs button and View → Stats graphs share it.
 * The graphs show in the Stats dock (so they take room from the docks, never from the preview):
 * opening them shows that dock, and hiding the dock closes them.
 */
import { createStore } from 'zustand/vanilla';
import { dockStore, setVisible } from '../docks/dockLayout';

export const graphsStore = createStore<{ open: boolean }>()(() => ({ open: false }));

const statsHidden = (): boolean => dockStore.getState().hidden.includes('stats');

export function openGraphs(): void {
  if (statsHidden()) dockStore.setState(setVisible(dockStore.getState(), 'stats', true), true);
  graphsStore.setState({ open: true });
}

export const toggleGraphs = (): void => (graphsStore.getState().open ? graphsStore.setState({ open: false }) : openGraphs());

dockStore.subscribe((l) => {
  if (l.hidden.includes('stats') && graphsStore.getState().open) graphsStore.setState({ open: false });
});
