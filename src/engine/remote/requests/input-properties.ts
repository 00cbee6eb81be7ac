/**
 * GetInputPropertiesListPropertyItems: the choices of an input's list property, as OBS serves them
 * to Companion and Touch Portal. A device list (camera) holds the devices the compositing renderer
 * reported (Studio.media.devices()), after the kind's fixed choices ("Default camera"); desktop
 * audio's list holds the outputs the engine finds (media/desktop-audio.ts).
 * PressInputPropertiesButton: OBS's property buttons; browser_source's refreshnocache is the one there is.
 */
import { choosableDevices, INPUT_KINDS } from '../../../shared';
import { listOutputs } from '../../media/desktop-audio';
import type { HandlerTable } from './handler';
import { findInput } from './lookup';
import { Code, fail, success, unwrap } from './status';

export const inputPropertyRequests: HandlerTable = {
  GetInputPropertiesListPropertyItems: async (ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    const propertyName = f.string('propertyName');
    const kind = INPUT_KINDS.find((k) => k.id === input.kind);
    const prop = kind?.properties.find((p) => p.name === propertyName);
    if (!prop) return fail(Code.ResourceNotFound, 'Unable to find a property by that name.');
    if (prop.type !== 'list') return fail(Code.InvalidResourceType, 'The property found is not a list.');
    const items = prop.options.map((o) => ({ itemName: o.label, itemEnabled: true, itemValue: o.value }));
    if (prop.devices === 'monitor') {
      // Desktop audio: the outputs, valued by monitor source as OBS's pulse_output_capture does.
      for (const o of await listOutputs()) items.push({ itemName: o.description, itemEnabled: true, itemValue: o.monitor });
    } else if (prop.devices) {
      let n = 0;
      for (const d of choosableDevices(ctx.studio.media.devices(), prop.devices)) {
        n++;
        items.push({ itemName: d.label || `Camera ${n}`, itemEnabled: true, itemValue: d.deviceId });
      }
    }
    return success({ propertyItems: items });
  },

  /** browser_source's refreshnocache reloads its page; any other name is refused, naming it. */
  PressInputPropertiesButton: async (ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    const propertyName = f.string('propertyName');
    unwrap(await ctx.studio.execute('input.pressButton', { inputUuid: input.uuid, propertyName }));
    return success();
  },
};
