import { useStudio } from '../../stores/context';
import { encoderSummary } from './encoders';

/**
 * The encoder in one line for the controls dock, with the engine's reason as its tooltip, and a
 * warning that cannot be missed while a stream runs on the software fallback.
 */
export function EncoderSummary() {
  const status = useStudio((s) => s.encoder);
  if (!status) return null;
  const name = status.chosen ? encoderSummary(status.chosen) : status.probing ? 'testing…' : 'none';
  return (
    <>
      <p className="encoder-summary" title={status.why} data-testid="encoder-summary">
        Encoder: {name}
      </p>
      {status.fallback ? (
        <p className="encoder-fallback" role="alert" data-testid="encoder-fallback-warning">
          {status.fallback.message}
        </p>
      ) : null}
    </>
  );
}
