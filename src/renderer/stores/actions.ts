/**
 * Commands from the UI. Every call answers with a Result; a failure also becomes an error notice
 * (the engine's message is written for the user), unless the caller shows it in place itself.
 */
import { Status, type CommandArgs, type CommandResult, type CommandType, type Result, type StudioBridge } from '../../shared';
import { causeOfCommand, clearSucceeded } from './notices';
import { withNotice, withoutNotice, type StudioStore } from './studio';

export interface CallOptions {
  /** The caller shows the error itself (e.g. inline in a dialog); no notice. */
  quiet?: boolean;
}

export type Call = <T extends CommandType>(
  type: T,
  args: CommandArgs<T>,
  options?: CallOptions,
) => Promise<Result<CommandResult<T>>>;

export interface Actions {
  call: Call;
  notify(level: 'info' | 'warning' | 'error', message: string): void;
  dismiss(id: number): void;
}

export function createActions(bridge: Pick<StudioBridge, 'invoke'>, store: StudioStore): Actions {
  const notify: Actions['notify'] = (level, message) => store.setState(withNotice(store.getState(), level, message), true);

  const call: Call = async (type, args, options) => {
    let result: Awaited<ReturnType<Call>>;
    try {
      result = await bridge.invoke(type, args);
    } catch {
      // The contract says invoke answers with a Result; a rejection means the link itself failed.
      result = {
        ok: false,
        error: { code: Status.NotReady, message: 'The studio engine is not reachable; check that it is still running.' },
      };
    }
    const state = store.getState();
    if (!result.ok && !options?.quiet) store.setState(withNotice(state, 'error', result.error.message, causeOfCommand(type, args, result.error)), true);
    else if (result.ok) {
      // The same command about the same thing works now: its earlier failure notice is over.
      const notices = clearSucceeded(state.notices, type, args);
      if (notices !== state.notices) store.setState({ ...state, notices }, true);
    }
    return result;
  };

  return { call, notify, dismiss: (id) => store.setState(withoutNotice(store.getState(), id), true) };
}
