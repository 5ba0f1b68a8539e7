/** Marks a connection or queue made by rabbitpulse's lab (`npm run lab`): its findings are reproduced on purpose. */
export function LabTag() {
  return (
    <span className="tag-lab" title="Made by rabbitpulse's lab (npm run lab), which reproduces failures on purpose" data-testid="lab-tag">
      lab
    </span>
  );
}
