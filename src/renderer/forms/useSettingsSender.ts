import { useCallback, useEffect, useMemo } from 'react';
import type { Settings } from '../../shared';
import { useActions } from '../stores/context';
import { createBatcher } from './debounce';

export const SETTINGS_DEBOUNCE_MS = 150;

/**
 * Sends an input's setting changes as input.update overlays, merged and debounced. Pending changes
 * are sent, not dropped, when the input changes or the form goes away.
 */
export function useSettingsSender(inputUuid: string): (name: string, value: unknown, now?: boolean) => void {
  const { call } = useActions();
  const batcher = useMemo(
    () => createBatcher<Settings>((settings) => void call('input.update', { inputUuid, settings, overlay: true }), SETTINGS_DEBOUNCE_MS),
    [call, inputUuid],
  );
  useEffect(() => () => batcher.flush(), [batcher]);
  return useCallback(
    (name, value, now) => {
      batcher.push({ [name]: value });
      if (now) batcher.flush();
    },
    [batcher],
  );
}
