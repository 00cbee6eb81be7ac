/** How components reach the bridge, the two stores and the actions: one React context. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Actions } from './actions';
import type { RendererBridge } from './connect';
import type { StudioState, StudioStore } from './studio';
import type { UiState, UiStore } from './ui';

export interface StudioServices {
  bridge: RendererBridge;
  studio: StudioStore;
  ui: UiStore;
  actions: Actions;
}

export const StudioContext = createContext<StudioServices | null>(null);

export function useServices(): StudioServices {
  const services = useContext(StudioContext);
  if (!services) throw new Error('StudioContext is missing: render inside <StudioContext value={…}>.');
  return services;
}

/** Selectors must return stable values (fields, not fresh objects) or React re-renders forever. */
export function useStudio<T>(selector: (s: StudioState) => T): T {
  return useStore(useServices().studio, selector);
}

export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(useServices().ui, selector);
}

export function useActions(): Actions {
  return useServices().actions;
}
