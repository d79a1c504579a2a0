SELECT kunci, nilai FROM audit.bundel
