<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name></name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Sobre</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Campos</translation>
    </message>
    <message>
        <source>Rev.</source>
        <translation>Rev.</translation>
    </message>
    <message>
        <source>&amp;New observation…</source>
        <translation>&amp;Nueva observación…</translation>
    </message>
    <message>
        <source>Start observing a worker</source>
        <translation>Empezar a observar a un trabajador</translation>
    </message>
    <message>
        <source>&amp;Add worker…</source>
        <translation>&amp;Agregar trabajador…</translation>
    </message>
    <message>
        <source>Add a worker to coach</source>
        <translation>Agregar un trabajador para dar coaching</translation>
    </message>
    <message>
        <source>&amp;Export bundle…</source>
        <translation>&amp;Exportar paquete…</translation>
    </message>
    <message>
        <source>Write a sealed bundle for the central team to a folder or USB stick</source>
        <translation>Escribir un paquete sellado para el equipo central en una carpeta o memoria USB</translation>
    </message>
    <message>
        <source>&amp;Worker coaching summary…</source>
        <translation>Resumen de coaching del &amp;trabajador…</translation>
    </message>
    <message>
        <source>The selected worker&apos;s coaching summary as PDF</source>
        <translation>El resumen de coaching del trabajador seleccionado en PDF</translation>
    </message>
    <message>
        <source>&amp;Observation record…</source>
        <translation>Registro de la &amp;observación…</translation>
    </message>
    <message>
        <source>The open observation&apos;s record as PDF</source>
        <translation>El registro de la observación abierta en PDF</translation>
    </message>
    <message>
        <source>&amp;Unit summary…</source>
        <translation>Resumen de la &amp;unidad…</translation>
    </message>
    <message>
        <source>An office&apos;s summary as PDF</source>
        <translation>El resumen de una oficina en PDF</translation>
    </message>
    <message>
        <source>Inter-rater &amp;agreement…</source>
        <translation>&amp;Concordancia entre evaluadores…</translation>
    </message>
    <message>
        <source>How alike coaches rated the visits they co-observed</source>
        <translation>Qué tan parecido calificaron los coaches las visitas que observaron juntos</translation>
    </message>
    <message>
        <source>&amp;Leadership: self vs others…</source>
        <translation>&amp;Liderazgo: uno mismo frente a otros…</translation>
    </message>
    <message>
        <source>A leader&apos;s self-assessment next to others&apos; ratings</source>
        <translation>La autoevaluación de un líder junto a las calificaciones de otros</translation>
    </message>
    <message>
        <source>Where each office &amp;stands…</source>
        <translation>Situación de cada o&amp;ficina…</translation>
    </message>
    <message>
        <source>Per office: implementation supports and stage, leadership and practice</source>
        <translation>Por oficina: apoyos a la implementación y etapa, liderazgo y práctica</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>&amp;Informes</translation>
    </message>
    <message>
        <source>Coaching summaries as PDF (Ctrl+R)</source>
        <translation>Resúmenes de coaching en PDF (Ctrl+R)</translation>
    </message>
    <message>
        <source>&amp;Backup…</source>
        <translation>Copia de &amp;seguridad…</translation>
    </message>
    <message>
        <source>Write a copy of your data</source>
        <translation>Escribir una copia de sus datos</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Restaurar desde una copia…</translation>
    </message>
    <message>
        <source>Go back to a backup; your current data is backed up first</source>
        <translation>Volver a una copia de seguridad; antes se hace una copia de sus datos actuales</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>Your profile and preferences</source>
        <translation>Su perfil y preferencias</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Find worker</source>
        <translation>&amp;Buscar trabajador</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Actuali&amp;zar</translation>
    </message>
    <message>
        <source>&amp;Finish and finalize…</source>
        <translation>&amp;Terminar y finalizar…</translation>
    </message>
    <message>
        <source>Debrief notes, goals, finalize</source>
        <translation>Notas de cierre, metas, finalizar</translation>
    </message>
    <message>
        <source>&amp;Amend…</source>
        <translation>&amp;Enmendar…</translation>
    </message>
    <message>
        <source>Correct a finalized observation</source>
        <translation>Corregir una observación finalizada</translation>
    </message>
    <message>
        <source>&amp;Coming up…</source>
        <translation>&amp;Próximamente…</translation>
    </message>
    <message>
        <source>Follow-ups due this week and workers not observed lately</source>
        <translation>Seguimientos que vencen esta semana y trabajadores no observados recientemente</translation>
    </message>
    <message>
        <source>&amp;Undo rating</source>
        <translation>&amp;Deshacer calificación</translation>
    </message>
    <message>
        <source>&amp;Redo rating</source>
        <translation>&amp;Rehacer calificación</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>&amp;Guía</translation>
    </message>
    <message>
        <source>The practice model&apos;s elements and behaviors, the scale, the shortcuts</source>
        <translation>Los elementos y conductas del modelo de práctica, la escala, los atajos</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <source>&amp;About CFPM Coach</source>
        <translation>&amp;Acerca de CFPM Coach</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Observation</source>
        <translation>&amp;Observación</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barra de herramientas principal</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… y %n más</numerusform>
            <numerusform>… y %n más</numerusform>
        </translation>
    </message>
    <message>
        <source>Finalize a Partial Observation?</source>
        <translation>¿Finalizar una observación parcial?</translation>
    </message>
    <message numerus="yes">
        <source>%n behaviors are neither rated nor marked “no opportunity”:</source>
        <translation>
            <numerusform>%n conducta no está calificada ni marcada como «sin oportunidad»:</numerusform>
            <numerusform>%n conductas no están calificadas ni marcadas como «sin oportunidad»:</numerusform>
        </translation>
    </message>
    <message>
        <source>Finalize anyway? They will be reported as not rated.</source>
        <translation>¿Finalizar de todos modos? Aparecerán como no calificadas.</translation>
    </message>
    <message>
        <source>Finalize partial</source>
        <translation>Finalizar parcial</translation>
    </message>
    <message>
        <source>Keep rating</source>
        <translation>Seguir calificando</translation>
    </message>
    <message>
        <source>Amend observation</source>
        <translation>Enmendar la observación</translation>
    </message>
    <message>
        <source>Why does this finalized observation need a correction? The reason is kept with the record.</source>
        <translation>¿Por qué necesita una corrección esta observación finalizada? El motivo se guarda con el registro.</translation>
    </message>
    <message>
        <source>Discard draft?</source>
        <translation>¿Descartar el borrador?</translation>
    </message>
    <message>
        <source>Discard this draft observation and its ratings? This cannot be undone.</source>
        <translation>¿Descartar esta observación en borrador y sus calificaciones? No se puede deshacer.</translation>
    </message>
    <message>
        <source>Resume Your Observation?</source>
        <translation>¿Continuar su observación?</translation>
    </message>
    <message>
        <source>Your Name</source>
        <translation>Su nombre</translation>
    </message>
    <message>
        <source>The observation of %1 started %2 was still open when CFPM Coach last closed. Every rating you saw as saved is there.</source>
        <translation>La observación de %1 iniciada el %2 seguía abierta cuando CFPM Coach se cerró por última vez. Todas las calificaciones que vio como guardadas están ahí.</translation>
    </message>
    <message>
        <source>“Resume rating” opens it at the first behavior not yet rated. “Not now” keeps the draft as it is: open it later from %1’s observation history.</source>
        <translation>“Seguir calificando” la abre en la primera conducta aún sin calificar. “Ahora no” conserva el borrador tal como está: ábralo más tarde desde el historial de observaciones de %1.</translation>
    </message>
    <message>
        <source>Resume rating</source>
        <translation>Seguir calificando</translation>
    </message>
    <message>
        <source>Not now (keep the draft)</source>
        <translation>Ahora no (conservar el borrador)</translation>
    </message>
    <message>
        <source>Your name, as your observation records and reports should show it (Settings can change it later):</source>
        <translation>Su nombre, tal como deben mostrarlo sus registros de observación e informes (puede cambiarlo luego en Configuración):</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Written %1 (%2, %3): %4 workers, %5 observations, %6 ratings.</source>
        <translation>Escrita el %1 (%2, %3): %4 trabajadores, %5 observaciones, %6 calificaciones.</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Escrita</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Trabajadores</translation>
    </message>
    <message>
        <source>Observations</source>
        <translation>Observaciones</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>Calificaciones</translation>
    </message>
    <message>
        <source>Your Data File Is Damaged</source>
        <translation>Su archivo de datos está dañado</translation>
    </message>
    <message>
        <source>No good backup was found in the data folder. Nothing was changed; ask your county&apos;s support contact for help, and keep the file.</source>
        <translation>No se encontró ninguna copia de seguridad válida en la carpeta de datos. No se cambió nada; pida ayuda al contacto de soporte de su condado y conserve el archivo.</translation>
    </message>
    <message>
        <source>The newest good backup: %1

Restore it? The damaged file is moved aside (renamed, never deleted) and the backup is put in its place.</source>
        <translation>La copia válida más reciente: %1

¿Restaurarla? El archivo dañado se aparta (se renombra, nunca se borra) y la copia ocupa su lugar.</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>Restaurar la copia</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <source>Anywhere</source>
        <translation>En cualquier lugar</translation>
    </message>
    <message>
        <source>New observation</source>
        <translation>Nueva observación</translation>
    </message>
    <message>
        <source>Add worker</source>
        <translation>Agregar trabajador</translation>
    </message>
    <message>
        <source>Find a worker</source>
        <translation>Buscar un trabajador</translation>
    </message>
    <message>
        <source>Coming up: follow-ups due and workers not observed lately</source>
        <translation>Próximamente: seguimientos pendientes y trabajadores no observados recientemente</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Estado de la sincronización</translation>
    </message>
    <message>
        <source>Export a bundle to a folder</source>
        <translation>Exportar un paquete a una carpeta</translation>
    </message>
    <message>
        <source>Back up your data</source>
        <translation>Hacer una copia de seguridad de sus datos</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Larger or smaller text (also in Settings)</source>
        <translation>Texto más grande o más pequeño (también en Configuración)</translation>
    </message>
    <message>
        <source>Guide to the practice model</source>
        <translation>Guía del modelo de práctica</translation>
    </message>
    <message>
        <source>This list of shortcuts</source>
        <translation>Esta lista de atajos</translation>
    </message>
    <message>
        <source>Quit (everything is already saved)</source>
        <translation>Salir (todo ya está guardado)</translation>
    </message>
    <message>
        <source>On the checklist</source>
        <translation>En la lista de verificación</translation>
    </message>
    <message>
        <source>Next behavior</source>
        <translation>Conducta siguiente</translation>
    </message>
    <message>
        <source>Previous behavior</source>
        <translation>Conducta anterior</translation>
    </message>
    <message>
        <source>Rate by the level&apos;s number on the instrument&apos;s scale (then moves on)</source>
        <translation>Calificar con el número del nivel en la escala del instrumento (y pasa a la siguiente)</translation>
    </message>
    <message>
        <source>No opportunity to observe</source>
        <translation>Sin oportunidad de observar</translation>
    </message>
    <message>
        <source>Clear the rating</source>
        <translation>Borrar la calificación</translation>
    </message>
    <message>
        <source>Write the evidence note; Enter or Esc returns</source>
        <translation>Escribir la nota de evidencia; Intro o Esc para volver</translation>
    </message>
    <message>
        <source>Undo / redo the last ratings</source>
        <translation>Deshacer / rehacer las últimas calificaciones</translation>
    </message>
    <message>
        <source>Finish: notes, goals, finalize</source>
        <translation>Terminar: notas, metas, finalizar</translation>
    </message>
    <message>
        <source>Change history of the observation (who changed what, when)</source>
        <translation>Historial de cambios de la observación (quién cambió qué y cuándo)</translation>
    </message>
    <message>
        <source>Today at %1</source>
        <translation>Hoy a las %1</translation>
    </message>
    <message>
        <source>Copied to %1</source>
        <translation>Copiado en %1</translation>
    </message>
    <message>
        <source>%1 records new or updated at the hub</source>
        <translation>%1 registros nuevos o actualizados en el hub</translation>
    </message>
    <message>
        <source> (it had them already)</source>
        <translation> (ya los tenía)</translation>
    </message>
    <message>
        <source>Nothing: everything is delivered</source>
        <translation>Nada: todo está entregado</translation>
    </message>
    <message>
        <source>1 bundle in the outbox</source>
        <translation>1 paquete en la bandeja de salida</translation>
    </message>
    <message>
        <source>%1 bundles in the outbox</source>
        <translation>%1 paquetes en la bandeja de salida</translation>
    </message>
    <message>
        <source>1 changed record not bundled yet</source>
        <translation>1 registro cambiado aún sin empaquetar</translation>
    </message>
    <message>
        <source>%1 changed records not bundled yet</source>
        <translation>%1 registros cambiados aún sin empaquetar</translation>
    </message>
    <message>
        <source>Not delivered: %1</source>
        <translation>No entregado: %1</translation>
    </message>
    <message>
        <source>Sent 1 bundle</source>
        <translation>Se envió 1 paquete</translation>
    </message>
    <message>
        <source>Sent %1 bundles</source>
        <translation>Se enviaron %1 paquetes</translation>
    </message>
    <message>
        <source>1 bundle was refused by the hub</source>
        <translation>El hub rechazó 1 paquete</translation>
    </message>
    <message>
        <source>%1 bundles were refused by the hub</source>
        <translation>El hub rechazó %1 paquetes</translation>
    </message>
    <message>
        <source>; see below.</source>
        <translation>; vea abajo.</translation>
    </message>
    <message>
        <source>1 bundle is in the shared folder, waiting for the hub&apos;s receipt.</source>
        <translation>1 paquete está en la carpeta compartida, esperando el recibo del hub.</translation>
    </message>
    <message>
        <source>%1 bundles are in the shared folder, waiting for the hub&apos;s receipt.</source>
        <translation>%1 paquetes están en la carpeta compartida, esperando el recibo del hub.</translation>
    </message>
    <message>
        <source>Nothing to send: everything is delivered.</source>
        <translation>Nada que enviar: todo está entregado.</translation>
    </message>
    <message>
        <source>Sync: not set up</source>
        <translation>Sincronización: sin configurar</translation>
    </message>
    <message>
        <source>Sync: not delivered, %1 waiting</source>
        <translation>Sincronización: no entregado, %1 en espera</translation>
    </message>
    <message>
        <source>Sync: %1 waiting</source>
        <translation>Sincronización: %1 en espera</translation>
    </message>
    <message>
        <source>Sync: up to date (%1)</source>
        <translation>Sincronización: al día (%1)</translation>
    </message>
    <message>
        <source>Sync: up to date</source>
        <translation>Sincronización: al día</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>Visita al hogar</translation>
    </message>
    <message>
        <source>Child and Family Team meeting</source>
        <translation>Reunión del Equipo del Niño y la Familia</translation>
    </message>
    <message>
        <source>Office visit</source>
        <translation>Visita en la oficina</translation>
    </message>
    <message>
        <source>Phone or video</source>
        <translation>Teléfono o video</translation>
    </message>
    <message>
        <source>Court</source>
        <translation>Tribunal</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Escuela</translation>
    </message>
    <message>
        <source>Team or unit meeting</source>
        <translation>Reunión de equipo o de unidad</translation>
    </message>
    <message>
        <source>Self-assessment</source>
        <translation>Autoevaluación</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Engagement</source>
        <translation>Vinculación</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Evaluación</translation>
    </message>
    <message>
        <source>Service planning and implementation</source>
        <translation>Planificación e implementación de servicios</translation>
    </message>
    <message>
        <source>Monitoring and adapting</source>
        <translation>Seguimiento y adaptación</translation>
    </message>
    <message>
        <source>Transition</source>
        <translation>Transición</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Oficina</translation>
    </message>
    <message>
        <source>Last observed</source>
        <translation>Observado</translation>
    </message>
    <message>
        <source>Fidelity</source>
        <translation>Fidelidad</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrumento</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Rated</source>
        <translation>Calificadas</translation>
    </message>
    <message>
        <source>Share at standard</source>
        <translation>Porcentaje en el estándar</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>Behaviors</source>
        <translation>Conductas</translation>
    </message>
    <message>
        <source>Recent ratings, newest first</source>
        <translation>Calificaciones recientes, la más nueva primero</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Ítems</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>Exacta</translation>
    </message>
    <message>
        <source>Within one</source>
        <translation>A un punto</translation>
    </message>
    <message>
        <source>κ linear</source>
        <translation>κ lineal</translation>
    </message>
    <message>
        <source>κ quadratic</source>
        <translation>κ cuadrática</translation>
    </message>
    <message>
        <source>Look for</source>
        <translation>Qué observar</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>Niveles</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 pts</translation>
    </message>
    <message>
        <source>Your central team gives this key to every coach (by e-mail or on paper). It starts with age1, is not secret, and only lets the team open what you send.</source>
        <translation>Su equipo central da esta clave a cada coach (por correo o en papel). Empieza por age1, no es secreta y solo permite al equipo abrir lo que usted envía.</translation>
    </message>
    <message>
        <source>Paste the team&apos;s key here. Ask your central team for it if you do not have it.</source>
        <translation>Pegue aquí la clave del equipo. Si no la tiene, pídasela a su equipo central.</translation>
    </message>
    <message>
        <source>This is not the team&apos;s key: it should start with age1. Copy the whole key again from your central team&apos;s message.</source>
        <translation>Esta no es la clave del equipo: debe empezar por age1. Copie de nuevo la clave completa del mensaje de su equipo central.</translation>
    </message>
    <message>
        <source>This key is incomplete or mistyped (a team key is age1 followed by 58 letters and digits). Copy the whole key again from your central team&apos;s message.</source>
        <translation>Esta clave está incompleta o mal escrita (una clave de equipo es age1 seguido de 58 letras y cifras). Copie de nuevo la clave completa del mensaje de su equipo central.</translation>
    </message>
    <message>
        <source>Exploration</source>
        <translation>Exploración</translation>
    </message>
    <message>
        <source>Installation</source>
        <translation>Instalación</translation>
    </message>
    <message>
        <source>Initial implementation</source>
        <translation>Implementación inicial</translation>
    </message>
    <message>
        <source>Full implementation</source>
        <translation>Implementación completa</translation>
    </message>
    <message>
        <source>No Suggestions</source>
        <translation>Sin sugerencias</translation>
    </message>
    <message>
        <source>Add to Dictionary</source>
        <translation>Añadir al diccionario</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorar</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>see the county&apos;s licence agreement</source>
        <translation>consulte el acuerdo de licencia del condado</translation>
    </message>
    <message>
        <source>About CFPM Coach</source>
        <translation>Acerca de CFPM Coach</translation>
    </message>
    <message>
        <source>Field coaching for California&apos;s Child and Family Practice Model: observe, rate with evidence, coach, and follow fidelity over time.</source>
        <translation>Coaching en el terreno para el Modelo de Práctica con Niños y Familias de California: observar, calificar con evidencia, dar coaching y seguir la fidelidad en el tiempo.</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Componente</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licencia</translation>
    </message>
    <message>
        <source>Qt and PySide6 are used under the GNU LGPL v3, dynamically linked, so they can be replaced. The DejaVu fonts&apos; licence: %s.</source>
        <translation>Qt y PySide6 se usan bajo la GNU LGPL v3, enlazados dinámicamente, de modo que pueden reemplazarse. La licencia de las fuentes DejaVu: %s.</translation>
    </message>
    <message>
        <source>This &amp;laptop&apos;s key</source>
        <translation>Clave de este &amp;portátil</translation>
    </message>
    <message>
        <source>Your central team enrolls this laptop with it. It is public: sharing it is safe.</source>
        <translation>Su equipo central inscribe este portátil con ella. Es pública: compartirla es seguro.</translation>
    </message>
    <message>
        <source>version</source>
        <translation>versión</translation>
    </message>
    <message>
        <source>the file does not say where its wording comes from.</source>
        <translation>el archivo no dice de dónde viene su redacción.</translation>
    </message>
    <message>
        <source>Instruments</source>
        <translation>Instrumentos</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <source>Inter-Rater Agreement</source>
        <translation>Concordancia entre evaluadores</translation>
    </message>
    <message>
        <source>Visits two coaches rated with the same pair code. Exact and within-one agreement count the behaviors both rated; Cohen&apos;s weighted kappa corrects for chance (1 is perfect, 0 is chance); Krippendorff&apos;s alpha covers visits with more than two coaches. Every figure says how many items it rests on.</source>
        <translation>Visitas que dos coaches calificaron con el mismo código de pareja. La concordancia exacta y a un punto cuentan las conductas que ambos calificaron; la kappa ponderada de Cohen corrige el azar (1 es perfecta, 0 es azar); la alfa de Krippendorff cubre las visitas con más de dos coaches. Cada cifra indica en cuántos ítems se basa.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Trabajador</translation>
    </message>
    <message>
        <source>Coaches</source>
        <translation>Coaches</translation>
    </message>
    <message>
        <source>Visits / month</source>
        <translation>Visitas / mes</translation>
    </message>
    <message>
        <source>Behavior</source>
        <translation>Conducta</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Ítems</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>Exacta</translation>
    </message>
    <message>
        <source>Within one</source>
        <translation>A un punto</translation>
    </message>
    <message>
        <source>Mean difference</source>
        <translation>Diferencia media</translation>
    </message>
    <message>
        <source>Calibrate first</source>
        <translation>Calibrar primero</translation>
    </message>
    <message>
        <source>Pairs of coaches</source>
        <translation>Parejas de coaches</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Visitas</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>Guardar como &amp;PDF…</translation>
    </message>
    <message>
        <source>%1 visits</source>
        <translation>%1 visitas</translation>
    </message>
    <message>
        <source>No co-observed visits yet: start an observation with a pair code, and import the other coach&apos;s bundle (or sync with the hub).</source>
        <translation>Aún no hay visitas observadas en pareja: empiece una observación con un código de pareja e importe el paquete del otro coach (o sincronice con el hub).</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Audit Trail</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>Every change, newest first: who made it, on which record, and which fields changed. What was written is not shown here.</source>
        <translation>Cada cambio, el más nuevo primero: quién lo hizo, en qué registro y qué campos cambiaron. Lo que se escribió no se muestra aquí.</translation>
    </message>
    <message>
        <source>Show changes to</source>
        <translation>Mostrar cambios de</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>Todos los registros</translation>
    </message>
    <message>
        <source>Load &amp;older changes</source>
        <translation>Cargar cambios &amp;anteriores</translation>
    </message>
    <message>
        <source>%1 of %2 changes</source>
        <translation>%1 de %2 cambios</translation>
    </message>
</context>
<context>
    <name>AuditFlow</name>
    <message>
        <source>Audit &amp;trail…</source>
        <translation>Registro de &amp;auditoría…</translation>
    </message>
    <message>
        <source>Who changed what and when, in all your data</source>
        <translation>Quién cambió qué y cuándo, en todos sus datos</translation>
    </message>
    <message>
        <source>Change &amp;history…</source>
        <translation>&amp;Historial de cambios…</translation>
    </message>
    <message>
        <source>Who changed this observation and when</source>
        <translation>Quién cambió esta observación y cuándo</translation>
    </message>
    <message>
        <source>Change History: %s, %s</source>
        <translation>Historial de cambios: %s, %s</translation>
    </message>
    <message>
        <source>The audit trail could not be read</source>
        <translation>No se pudo leer el registro de auditoría</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Device %s, record %s</source>
        <translation>Dispositivo %s, registro %s</translation>
    </message>
    <message>
        <source>Fields changed: %s</source>
        <translation>Campos cambiados: %s</translation>
    </message>
</context>
<context>
    <name>BehaviorRow</name>
    <message>
        <source>Goal</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>A coaching goal is on this behavior</source>
        <translation>Hay una meta de coaching sobre esta conducta</translation>
    </message>
    <message>
        <source>What to look for: %s</source>
        <translation>Qué observar: %s</translation>
    </message>
    <message>
        <source>N/O</source>
        <translation>S/O</translation>
    </message>
    <message>
        <source>Evidence: what you saw or heard (Enter)</source>
        <translation>Evidencia: lo que vio u oyó (Intro)</translation>
    </message>
    <message>
        <source>Evidence note for %s</source>
        <translation>Nota de evidencia de %s</translation>
    </message>
</context>
<context>
    <name>ChecklistPage</name>
    <message>
        <source>Rate %s</source>
        <translation>Calificar %s</translation>
    </message>
    <message>
        <source>Time since the observation started</source>
        <translation>Tiempo desde que empezó la observación</translation>
    </message>
    <message>
        <source>%v of %m behaviors rated</source>
        <translation>%v de %m conductas calificadas</translation>
    </message>
    <message>
        <source>Overall progress</source>
        <translation>Avance general</translation>
    </message>
    <message>
        <source>Save state</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <source>Discard draft…</source>
        <translation>Descartar borrador…</translation>
    </message>
    <message>
        <source>Back to worker</source>
        <translation>Volver al trabajador</translation>
    </message>
    <message>
        <source>Print record…</source>
        <translation>Imprimir registro…</translation>
    </message>
    <message>
        <source>This observation&apos;s record as PDF (Ctrl+Shift+R)</source>
        <translation>El registro de esta observación en PDF (Ctrl+Mayús+R)</translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation>Enmendar…</translation>
    </message>
    <message>
        <source>Finish…</source>
        <translation>Terminar…</translation>
    </message>
    <message>
        <source>Notes, next steps and finalize (Ctrl+Enter)</source>
        <translation>Notas, próximos pasos y finalizar (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>J/K move · %1–%2 rate · N no opportunity · Enter note · Ctrl+Z undo</source>
        <translation>J/K mover · %1–%2 calificar · N sin oportunidad · Intro nota · Ctrl+Z deshacer</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>Todos los cambios guardados</translation>
    </message>
    <message>
        <source>started %s</source>
        <translation>iniciada %s</translation>
    </message>
    <message>
        <source>coach %s</source>
        <translation>coach %s</translation>
    </message>
    <message>
        <source>co-observer %s</source>
        <translation>co-observador %s</translation>
    </message>
    <message>
        <source>pair code %s</source>
        <translation>código de pareja %s</translation>
    </message>
    <message>
        <source>case ref. %s</source>
        <translation>ref. de caso %s</translation>
    </message>
    <message>
        <source>Amending: %s</source>
        <translation>Enmendando: %s</translation>
    </message>
    <message>
        <source>Finalized %s. Read-only: use Amend, with a reason, to correct it.</source>
        <translation>Finalizada %s. Solo lectura: use Enmendar, con un motivo, para corregirla.</translation>
    </message>
    <message>
        <source>%1 of %2 rated</source>
        <translation>%1 de %2 calificadas</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Saved %s</source>
        <translation>Guardado %s</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>No guardado</translation>
    </message>
    <message>
        <source>That change was not saved</source>
        <translation>Ese cambio no se guardó</translation>
    </message>
</context>
<context>
    <name>ComingUpDialog</name>
    <message>
        <source>Coming Up</source>
        <translation>Próximamente</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Trabajador</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>Behaviors</source>
        <translation>Conductas</translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>Seguimientos pendientes</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Oficina</translation>
    </message>
    <message>
        <source>Last observed</source>
        <translation>Observado</translation>
    </message>
    <message>
        <source>Workers not observed lately</source>
        <translation>Trabajadores no observados recientemente</translation>
    </message>
    <message>
        <source>Double-click a row to open the worker. The number of weeks is in Settings.</source>
        <translation>Haga doble clic en una fila para abrir al trabajador. El número de semanas está en Configuración.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>&lt;b&gt;Follow-ups due by %1&lt;/b&gt; (and overdue)</source>
        <translation>&lt;b&gt;Seguimientos que vencen antes del %1&lt;/b&gt; (y vencidos)</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>Vencido desde el %1</translation>
    </message>
    <message>
        <source>Nothing due this week.</source>
        <translation>Nada vence esta semana.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not observed for %1 weeks or more&lt;/b&gt;</source>
        <translation>&lt;b&gt;Sin observar desde hace %1 semanas o más&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source>Everyone was observed lately.</source>
        <translation>Todos fueron observados recientemente.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>CFPM Coach Ran into a Problem</source>
        <translation>CFPM Coach encontró un problema</translation>
    </message>
    <message>
        <source>Something unexpected happened. Everything you saved is safe: each rating is on disk as soon as it shows “Saved”.

If this keeps happening, copy the details below and send them to your county&apos;s support contact. They are meant to hold no names or notes; please read them before sending.</source>
        <translation>Ocurrió algo inesperado. Todo lo que guardó está a salvo: cada calificación está en el disco en cuanto muestra «Guardado».

Si esto sigue ocurriendo, copie los detalles de abajo y envíelos al contacto de soporte de su condado. No deberían contener nombres ni notas; léalos antes de enviarlos.</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>Detalles del error</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copiar detalles</translation>
    </message>
</context>
<context>
    <name>DemoBanner</name>
    <message>
        <source>&lt;b&gt;Demo&lt;/b&gt;: sample data to explore, nothing here is real. It is kept apart from your own data and never synced.</source>
        <translation>&lt;b&gt;Demostración&lt;/b&gt;: datos de ejemplo para explorar; nada aquí es real. Se guardan aparte de sus datos y nunca se sincronizan.</translation>
    </message>
    <message>
        <source>Close and &amp;remove the demo</source>
        <translation>Cerrar y &amp;eliminar la demostración</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export for the Central Team</source>
        <translation>Exportar para el equipo central</translation>
    </message>
    <message>
        <source>Writes one sealed, signed file with everything changed since your last export. Only the central team can open it. Copy it to the shared drive or a USB stick.</source>
        <translation>Escribe un archivo sellado y firmado con todo lo que cambió desde su última exportación. Solo el equipo central puede abrirlo. Cópielo a la unidad compartida o a una memoria USB.</translation>
    </message>
    <message>
        <source>Central team&apos;s public key</source>
        <translation>Clave pública del equipo central</translation>
    </message>
    <message>
        <source>Team&apos;s &amp;key</source>
        <translation>&amp;Clave del equipo</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>&amp;Folder</source>
        <translation>&amp;Carpeta</translation>
    </message>
    <message>
        <source>Everything, not only what changed</source>
        <translation>Todo, no solo lo que cambió</translation>
    </message>
    <message>
        <source>Include case references</source>
        <translation>Incluir referencias de caso</translation>
    </message>
    <message>
        <source>Leave out evidence notes and other free text</source>
        <translation>Omitir las notas de evidencia y otros textos libres</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
</context>
<context>
    <name>FinishDialog</name>
    <message>
        <source>Finish Observation — %s</source>
        <translation>Terminar la observación — %s</translation>
    </message>
    <message>
        <source>Debrief</source>
        <translation>Cierre</translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation>Fortalezas</translation>
    </message>
    <message>
        <source>Growth areas</source>
        <translation>Áreas de crecimiento</translation>
    </message>
    <message>
        <source>Agreed next steps</source>
        <translation>Próximos pasos acordados</translation>
    </message>
    <message>
        <source>&amp;Strengths</source>
        <translation>&amp;Fortalezas</translation>
    </message>
    <message>
        <source>&amp;Growth areas</source>
        <translation>Áreas de &amp;crecimiento</translation>
    </message>
    <message>
        <source>Agreed &amp;next steps</source>
        <translation>&amp;Próximos pasos acordados</translation>
    </message>
    <message>
        <source>Goal (optional)</source>
        <translation>Meta (opcional)</translation>
    </message>
    <message>
        <source>What the worker will practise</source>
        <translation>Lo que el trabajador va a practicar</translation>
    </message>
    <message>
        <source>Goal text</source>
        <translation>Texto de la meta</translation>
    </message>
    <message>
        <source>G&amp;oal</source>
        <translation>&amp;Meta</translation>
    </message>
    <message>
        <source>Behaviors the goal is about</source>
        <translation>Conductas a las que se refiere la meta</translation>
    </message>
    <message>
        <source>&amp;Behaviors</source>
        <translation>C&amp;onductas</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Goal due date</source>
        <translation>Fecha límite de la meta</translation>
    </message>
    <message>
        <source>Add goal</source>
        <translation>Agregar meta</translation>
    </message>
    <message>
        <source>Keep as draft</source>
        <translation>Dejar como borrador</translation>
    </message>
    <message>
        <source>Finalize</source>
        <translation>Finalizar</translation>
    </message>
    <message>
        <source>%1 behaviors rated, %2 marked no opportunity, %3 still open. %5: %4 of observed behaviors.</source>
        <translation>%1 conductas calificadas, %2 marcadas sin oportunidad, %3 aún abiertas. %5: %4 de las conductas observadas.</translation>
    </message>
    <message>
        <source>Not yet rated: </source>
        <translation>Aún sin calificar: </translation>
    </message>
    <message>
        <source>A goal needs its text and at least one behavior.</source>
        <translation>Una meta necesita su texto y al menos una conducta.</translation>
    </message>
    <message>
        <source>Goal added: %s</source>
        <translation>Meta agregada: %s</translation>
    </message>
</context>
<context>
    <name>FirstRunFlow</name>
    <message>
        <source>Stopping…</source>
        <translation>Deteniendo…</translation>
    </message>
    <message>
        <source>The sample data was cancelled and nothing of it was kept. Your own data is as it was.</source>
        <translation>Se canceló la preparación de los datos de ejemplo y no se guardó nada. Sus propios datos siguen como estaban.</translation>
    </message>
    <message>
        <source>Writing sample workers, each with a year of observations and goals: %d of %d done.</source>
        <translation>Escribiendo trabajadores de ejemplo, cada uno con un año de observaciones y metas: %d de %d listos.</translation>
    </message>
    <message>
        <source>DEMO (Sample Data)</source>
        <translation>DEMOSTRACIÓN (datos de ejemplo)</translation>
    </message>
    <message>
        <source>Setting up…</source>
        <translation>Preparando…</translation>
    </message>
    <message>
        <source>Welcome, %s.</source>
        <translation>Bienvenido/a, %s.</translation>
    </message>
    <message>
        <source>Preparing sample data…</source>
        <translation>Preparando los datos de ejemplo…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Sample Data</source>
        <translation>Datos de ejemplo</translation>
    </message>
</context>
<context>
    <name>FocusPanel</name>
    <message>
        <source>Suggested focus</source>
        <translation>Enfoque sugerido</translation>
    </message>
    <message>
        <source>&lt;a href=&apos;#&apos;&gt;How are these chosen?&lt;/a&gt;</source>
        <translation>&lt;a href=&apos;#&apos;&gt;¿Cómo se eligen?&lt;/a&gt;</translation>
    </message>
    <message>
        <source>How suggestions are chosen</source>
        <translation>Cómo se eligen las sugerencias</translation>
    </message>
    <message>
        <source>not comparable</source>
        <translation>no comparable</translation>
    </message>
    <message>
        <source>Nothing stands out yet: finish an observation or two and the lowest-rated behaviors appear here.</source>
        <translation>Todavía no destaca nada: termine una o dos observaciones y aquí aparecerán las conductas con calificación más baja.</translation>
    </message>
    <message>
        <source>rated lowest: %1</source>
        <translation>calificación más baja: %1</translation>
    </message>
    <message>
        <source>not seen in the last %1 observations</source>
        <translation>no vista en las últimas %1 observaciones</translation>
    </message>
</context>
<context>
    <name>GoalsModel</name>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Cumplida</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Descartada</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>CFPM Coach Guide</source>
        <translation>Guía de CFPM Coach</translation>
    </message>
    <message>
        <source>Coaching with CFPM Coach</source>
        <translation>El coaching con CFPM Coach</translation>
    </message>
    <message>
        <source>The Child and Family Practice Model describes how social workers and leaders work with children, youth, families and each other. A coach sits in on a real interaction, rates each behavior they saw on the instrument&apos;s scale with a short note of the evidence, and then coaches on it: what went well, what to grow, and the next steps agreed.</source>
        <translation>El Modelo de Práctica con Niños y Familias describe cómo los trabajadores sociales y los líderes trabajan con niños, jóvenes, familias y entre sí. Un coach acompaña una interacción real, califica cada conducta que vio en la escala del instrumento con una nota breve de la evidencia y luego da coaching sobre ello: lo que salió bien, lo que hay que desarrollar y los próximos pasos acordados.</translation>
    </message>
    <message>
        <source>Rate what you saw, not the worker in general. When a behavior had no chance to show, mark it &lt;i&gt;no opportunity&lt;/i&gt;: it is left out of scores. Never write a child&apos;s or family&apos;s name.</source>
        <translation>Califique lo que vio, no al trabajador en general. Cuando una conducta no tuvo ocasión de mostrarse, márquela como &lt;i&gt;sin oportunidad&lt;/i&gt;: queda fuera de los puntajes. Nunca escriba el nombre de un niño o de una familia.</translation>
    </message>
    <message>
        <source>Your county&apos;s own instrument</source>
        <translation>El instrumento propio de su condado</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>The practice instrument shipped with CFPM Coach is an example written from public descriptions of the practice model. A county replaces it with its official practice profile in a spreadsheet: write the template with &lt;tt&gt;cfpm-coach instruments template -o ours.xlsx&lt;/tt&gt;, give it the county&apos;s own id, title and source, fill in the settings, scale, groups and items sheets (a scale may have three levels, four or more), then run &lt;tt&gt;cfpm-coach instruments import ours.xlsx&lt;/tt&gt; on each laptop and at the hub. Every problem is listed at once with its sheet, row and column, and nothing is installed until there are none. Observations made on the example stay as they were.</source>
        <translation>El instrumento de práctica que trae CFPM Coach es un ejemplo escrito a partir de descripciones públicas del modelo de práctica. Un condado lo reemplaza con su perfil de práctica oficial en una hoja de cálculo: escriba la plantilla con &lt;tt&gt;cfpm-coach instruments template -o ours.xlsx&lt;/tt&gt;, dele el id, el título y la fuente propios del condado, complete las hojas settings, scale, groups e items (una escala puede tener tres niveles, cuatro o más) y luego ejecute &lt;tt&gt;cfpm-coach instruments import ours.xlsx&lt;/tt&gt; en cada computadora portátil y en el hub. Todos los problemas se listan a la vez con su hoja, fila y columna, y no se instala nada mientras quede alguno. Las observaciones hechas con el ejemplo quedan como estaban.</translation>
    </message>
    <message>
        <source>Then choose it in &lt;b&gt;Settings &amp;gt; Practice instrument&lt;/b&gt;: the worker list&apos;s bars, the trends, the suggested focus, the goals and New observation follow it.</source>
        <translation>Luego elíjalo en &lt;b&gt;Configuración &amp;gt; Instrumento de práctica&lt;/b&gt;: las barras de la lista de trabajadores, las tendencias, el enfoque sugerido, las metas y Nueva observación lo siguen.</translation>
    </message>
    <message>
        <source>Where the wording comes from:</source>
        <translation>De dónde viene la redacción:</translation>
    </message>
    <message>
        <source>Version %1 continues version %2: each behavior names the earlier behaviors it continues, so trends, suggested focus, goals and fidelity figures run on across the versions. A behavior with no earlier counterpart shows as “not comparable” for observations rated on the earlier version.</source>
        <translation>La versión %1 continúa la versión %2: cada conducta nombra las conductas anteriores que continúa, de modo que las tendencias, el enfoque sugerido, las metas y las cifras de fidelidad siguen de una versión a otra. Una conducta sin equivalente anterior aparece como «no comparable» en las observaciones calificadas con la versión anterior.</translation>
    </message>
    <message>
        <source>Each observation can also say which casework component (phase of the work with the family) it covered: engagement, assessment, service planning and implementation, monitoring and adapting, or transition. It is printed beside the setting and does not change any score.</source>
        <translation>Cada observación puede indicar también qué componente del trabajo de caso (fase del trabajo con la familia) abarcó: vinculación, evaluación, planificación e implementación de servicios, seguimiento y adaptación, o transición. Se imprime junto al lugar y no cambia ningún puntaje.</translation>
    </message>
    <message>
        <source>Rating scale</source>
        <translation>Escala de calificación</translation>
    </message>
    <message>
        <source>(left out of scores)</source>
        <translation>(fuera de los puntajes)</translation>
    </message>
    <message>
        <source>Scoring: these behaviors are rated on the same scale and scored as their own group. They are left out of the other elements&apos; scores and out of the overall score, so the overall stays the share of the practice behaviors and compares with earlier versions.</source>
        <translation>Puntaje: estas conductas se califican con la misma escala y tienen su propio puntaje de grupo. Quedan fuera de los puntajes de los demás elementos y del puntaje general, de modo que el general sigue siendo la proporción de las conductas de práctica y se puede comparar con versiones anteriores.</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>That is not the passphrase.</source>
        <translation>Esa no es la frase de contraseña.</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>Join Your Team</source>
        <translation>Unirse a su equipo</translation>
    </message>
    <message>
        <source>Paste the invitation the central team sent you: a code such as ABCD-EFGH-JK12, or a link starting with cfpm-coach://. This laptop sends its public key with it and receives everything sync needs; nothing else to copy.</source>
        <translation>Pegue la invitación que le envió el equipo central: un código como ABCD-EFGH-JK12, o un enlace que empieza por cfpm-coach://. Este portátil envía con ella su clave pública y recibe todo lo que la sincronización necesita; no hay nada más que copiar.</translation>
    </message>
    <message>
        <source>Invitation code or link</source>
        <translation>Código o enlace de invitación</translation>
    </message>
    <message>
        <source>Invitation &amp;code or link</source>
        <translation>&amp;Código o enlace de invitación</translation>
    </message>
    <message>
        <source>https://hub.example.org (not needed with a link)</source>
        <translation>https://hub.example.org (no hace falta con un enlace)</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Dirección del hub</translation>
    </message>
    <message>
        <source>Hub &amp;address</source>
        <translation>&amp;Dirección del hub</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>&amp;Unirse</translation>
    </message>
    <message>
        <source>Use an invitation &amp;file…</source>
        <translation>Usar un &amp;archivo de invitación…</translation>
    </message>
    <message>
        <source>For teams that sync through a shared folder: the file the central team gave you</source>
        <translation>Para los equipos que sincronizan por una carpeta compartida: el archivo que le dio el equipo central</translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation>Uniéndose…</translation>
    </message>
    <message>
        <source>Invitation file</source>
        <translation>Archivo de invitación</translation>
    </message>
    <message>
        <source>CFPM Coach invitations (*.cfpm-invitation);;All files (*)</source>
        <translation>Invitaciones de CFPM Coach (*.cfpm-invitation);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Done: sync now goes to the shared folder %1, sealed with the team&apos;s key. The hub enrolls this laptop (%2&apos;s) when it next takes the folder&apos;s files.</source>
        <translation>Listo: la sincronización va ahora a la carpeta compartida %1, sellada con la clave del equipo. El hub inscribe este portátil (de %2) la próxima vez que recoja los archivos de la carpeta.</translation>
    </message>
    <message>
        <source>Done: this laptop has joined the team&apos;s hub at %1 as %2&apos;s laptop. Sync is set up and sends your records there, sealed with the team&apos;s key.</source>
        <translation>Listo: este portátil se ha unido al hub del equipo en %1 como portátil de %2. La sincronización está configurada y envía allí sus registros, sellados con la clave del equipo.</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>Joining failed unexpectedly; nothing was changed. Try again, and tell the central team if it happens again.</source>
        <translation>La unión falló de forma inesperada; no se cambió nada. Vuelva a intentarlo y avise al equipo central si vuelve a ocurrir.</translation>
    </message>
</context>
<context>
    <name>LaptopKeyRow</name>
    <message>
        <source>This laptop&apos;s public key</source>
        <translation>Clave pública de este portátil</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>Copy this laptop&apos;s id and public key</source>
        <translation>Copiar el identificador y la clave pública de este portátil</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
</context>
<context>
    <name>LeadershipDialog</name>
    <message>
        <source>Leadership: Self vs. Others</source>
        <translation>Liderazgo: uno mismo frente a otros</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Líder</translation>
    </message>
    <message>
        <source>&amp;Leader</source>
        <translation>&amp;Líder</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>Self</source>
        <translation>Uno mismo</translation>
    </message>
    <message>
        <source>Others</source>
        <translation>Otros</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>Brecha</translation>
    </message>
    <message>
        <source>Behavior</source>
        <translation>Conducta</translation>
    </message>
    <message>
        <source>Others (mean)</source>
        <translation>Otros (media)</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>Calificaciones</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Trimestre</translation>
    </message>
    <message>
        <source>By group</source>
        <translation>Por grupo</translation>
    </message>
    <message>
        <source>By behavior</source>
        <translation>Por conducta</translation>
    </message>
    <message>
        <source>Over time</source>
        <translation>En el tiempo</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>Guardar como &amp;PDF…</translation>
    </message>
    <message>
        <source>no self-assessment yet</source>
        <translation>aún sin autoevaluación</translation>
    </message>
    <message>
        <source>Self: the latest self-assessment (%1). Others: %2 by coaches or staff in the last year. Shares are of behaviors rated %3; a positive gap means the leader rates themselves higher than others do.</source>
        <translation>Uno mismo: la autoevaluación más reciente (%1). Otros: %2 de coaches o personal en el último año. Los porcentajes son de conductas calificadas como %3; una brecha positiva significa que el líder se califica más alto que los demás.</translation>
    </message>
    <message>
        <source>1 observation</source>
        <translation>1 observación</translation>
    </message>
    <message>
        <source>%1 observations</source>
        <translation>%1 observaciones</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>&lt;h2&gt;CFPM Coach is locked&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;CFPM Coach está bloqueado&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Locked after a quiet spell to keep coaching records private. Everything is saved.</source>
        <translation>Bloqueado tras un rato sin uso para mantener privados los registros de coaching. Todo está guardado.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Store: %s</source>
        <translation>Datos: %s</translation>
    </message>
    <message>
        <source>The store could not be opened</source>
        <translation>No se pudieron abrir los datos</translation>
    </message>
    <message>
        <source>Your data could not be opened</source>
        <translation>No se pudieron abrir sus datos</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Trabajando…</translation>
    </message>
    <message>
        <source>Saved %s</source>
        <translation>Guardado %s</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Next step</source>
        <translation>Siguiente paso</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>ObservationFlow</name>
    <message>
        <source>Observation finalized.</source>
        <translation>Observación finalizada.</translation>
    </message>
</context>
<context>
    <name>ObservationsModel</name>
    <message>
        <source>Share %1</source>
        <translation>Porcentaje %1</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Final</translation>
    </message>
    <message>
        <source>Amended</source>
        <translation>Enmendada</translation>
    </message>
    <message>
        <source>%1 of %2 observed behaviors at or above the proficient level of %3</source>
        <translation>%1 de %2 conductas observadas en el nivel competente de %3 o por encima</translation>
    </message>
</context>
<context>
    <name>OfficeDialog</name>
    <message>
        <source>Where each office stands</source>
        <translation>Situación de cada oficina</translation>
    </message>
    <message>
        <source>Per office: the latest implementation-supports assessment (share of supports in place) and the office&apos;s stage, its leaders&apos; latest leadership observations, and its workers&apos; practice fidelity by month, side by side: does practice move where supports are in place?</source>
        <translation>Por oficina: la evaluación más reciente de los apoyos a la implementación (porcentaje de apoyos implementados) y la etapa de la oficina, las observaciones de liderazgo más recientes de sus líderes y la fidelidad de la práctica de su personal por mes, lado a lado: ¿mejora la práctica donde hay apoyos implementados?</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Oficina</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <source>Last assessed</source>
        <translation>Última evaluación</translation>
    </message>
    <message>
        <source>Implementation supports in place</source>
        <translation>Apoyos a la implementación implementados</translation>
    </message>
    <message>
        <source>Leadership at standard</source>
        <translation>Liderazgo en el estándar</translation>
    </message>
    <message>
        <source>Practice at standard, by month</source>
        <translation>Práctica en el estándar, por mes</translation>
    </message>
    <message>
        <source>Save office as &amp;PDF</source>
        <translation>Guardar la oficina como &amp;PDF</translation>
    </message>
    <message>
        <source>No office yet: give workers an office, or assess an office&apos;s implementation supports (New observation, then the implementation-supports instrument).</source>
        <translation>Aún no hay oficinas: asigne una oficina al personal o evalúe los apoyos a la implementación de una oficina (Nueva observación y luego el instrumento de apoyos a la implementación).</translation>
    </message>
    <message>
        <source>Not assessed yet</source>
        <translation>Aún sin evaluar</translation>
    </message>
    <message>
        <source>Assessments: %1</source>
        <translation>Evaluaciones: %1</translation>
    </message>
    <message>
        <source>Leaders observed: %1</source>
        <translation>Líderes observados: %1</translation>
    </message>
    <message>
        <source>Workers: %1</source>
        <translation>Personal: %1</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Final</translation>
    </message>
    <message>
        <source>Amended</source>
        <translation>Enmendada</translation>
    </message>
    <message>
        <source>Assessment: %1</source>
        <translation>Evaluación: %1</translation>
    </message>
    <message>
        <source>Enter or double-click to open this assessment</source>
        <translation>Intro o doble clic para abrir esta evaluación</translation>
    </message>
</context>
<context>
    <name>OfficeFlow</name>
    <message>
        <source>Creating the PDF…</source>
        <translation>Creando el PDF…</translation>
    </message>
    <message>
        <source>The report could not be made</source>
        <translation>No se pudo crear el informe</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Change Passphrase</source>
        <translation>Cambiar la frase de contraseña</translation>
    </message>
    <message>
        <source>Protect Your Data with a Passphrase</source>
        <translation>Proteger sus datos con una frase de contraseña</translation>
    </message>
    <message>
        <source>With a passphrase, the data file and its backups are encrypted: a lost or shared laptop shows nothing without it. &lt;b&gt;There is no way to recover the data if the passphrase is forgotten&lt;/b&gt;, so keep it somewhere safe.</source>
        <translation>Con una frase de contraseña, el archivo de datos y sus copias se cifran: una computadora perdida o compartida no muestra nada sin ella. &lt;b&gt;No hay forma de recuperar los datos si se olvida la frase&lt;/b&gt;, así que guárdela en un lugar seguro.</translation>
    </message>
    <message>
        <source>Your data is encrypted. Type the current passphrase to change or remove it.</source>
        <translation>Sus datos están cifrados. Escriba la frase actual para cambiarla o quitarla.</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Frase actual</translation>
    </message>
    <message>
        <source>&amp;Current passphrase</source>
        <translation>Frase &amp;actual</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Frase nueva</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Repita la frase nueva</translation>
    </message>
    <message>
        <source>&amp;New passphrase</source>
        <translation>Frase &amp;nueva</translation>
    </message>
    <message>
        <source>&amp;Repeat it</source>
        <translation>&amp;Repítala</translation>
    </message>
    <message>
        <source>&amp;Show what I type</source>
        <translation>&amp;Mostrar lo que escribo</translation>
    </message>
    <message>
        <source>&amp;Change passphrase</source>
        <translation>&amp;Cambiar la frase</translation>
    </message>
    <message>
        <source>&amp;Encrypt</source>
        <translation>&amp;Cifrar</translation>
    </message>
    <message>
        <source>&amp;Remove passphrase</source>
        <translation>&amp;Quitar la frase</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters; a few unrelated words are easy to remember and hard to guess.</source>
        <translation>
            <numerusform>Al menos %n carácter; unas cuantas palabras sin relación son fáciles de recordar y difíciles de adivinar.</numerusform>
            <numerusform>Al menos %n caracteres; unas cuantas palabras sin relación son fáciles de recordar y difíciles de adivinar.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two new passphrases differ.</source>
        <translation>Las dos frases nuevas no coinciden.</translation>
    </message>
    <message>
        <source>Type the current passphrase too.</source>
        <translation>Escriba también la frase actual.</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Listo.</translation>
    </message>
</context>
<context>
    <name>PdfPages</name>
    <message>
        <source>The PDF %1 could not be read (%2). Create the report again.</source>
        <translation>No se pudo leer el PDF %1 (%2). Vuelva a crear el informe.</translation>
    </message>
    <message>
        <source>The printer did not start (is it switched on and connected?). Nothing was printed; try again, or save the PDF and print it from there.</source>
        <translation>La impresora no arrancó (¿está encendida y conectada?). No se imprimió nada; vuelva a intentarlo, o guarde el PDF e imprímalo desde allí.</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Preview: %1</source>
        <translation>Vista previa: %1</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>&amp;Save As…</source>
        <translation>&amp;Guardar como…</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Página anterior</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Página siguiente</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Reducir</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Reducir (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Ampliar</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Ampliar (Ctrl++)</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Página %1 de %2</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>No se imprimió</translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation>Guardar el PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF could not be saved as %1 (%2). Choose another folder, such as Documents, and save it again.</source>
        <translation>No se pudo guardar el PDF como %1 (%2). Elija otra carpeta, como Documentos, y guárdelo de nuevo.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>No guardado</translation>
    </message>
</context>
<context>
    <name>ProfileFields</name>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Cargo</translation>
    </message>
    <message>
        <source>&amp;County</source>
        <translation>Con&amp;dado</translation>
    </message>
    <message>
        <source>&amp;Office</source>
        <translation>&amp;Oficina</translation>
    </message>
</context>
<context>
    <name>RecoveryFlow</name>
    <message>
        <source>The data file is damaged</source>
        <translation>El archivo de datos está dañado</translation>
    </message>
    <message>
        <source>The damaged data file was left as it is; nothing was changed.</source>
        <translation>El archivo de datos dañado se dejó como estaba; no se cambió nada.</translation>
    </message>
    <message>
        <source>The backup was restored. The damaged file was kept as %s.</source>
        <translation>Se restauró la copia. El archivo dañado se conservó como %s.</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Restaurando…</translation>
    </message>
    <message>
        <source>The backup was restored. Your data from before it was kept in %s.</source>
        <translation>Se restauró la copia. Sus datos de antes se conservaron en %s.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Observation Record</source>
        <translation>Registro de la observación</translation>
    </message>
    <message>
        <source>Worker Coaching Summary</source>
        <translation>Resumen de coaching del trabajador</translation>
    </message>
    <message>
        <source>Unit Summary</source>
        <translation>Resumen de la unidad</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Oficina</translation>
    </message>
    <message>
        <source>&amp;Office</source>
        <translation>&amp;Oficina</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Período</translation>
    </message>
    <message>
        <source>Paper size</source>
        <translation>Tamaño de papel</translation>
    </message>
    <message>
        <source>US Letter</source>
        <translation>Carta (EE. UU.)</translation>
    </message>
    <message>
        <source>P&amp;aper</source>
        <translation>P&amp;apel</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Guardar en</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>&amp;Save to</source>
        <translation>&amp;Guardar en</translation>
    </message>
    <message>
        <source>Print it too</source>
        <translation>Imprimirlo también</translation>
    </message>
    <message>
        <source>Create PDF</source>
        <translation>Crear PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ReportFlow</name>
    <message>
        <source>Open an observation first.</source>
        <translation>Primero abra una observación.</translation>
    </message>
    <message>
        <source>Select a worker first.</source>
        <translation>Primero seleccione un trabajador.</translation>
    </message>
    <message>
        <source>No worker has an office yet.</source>
        <translation>Ningún trabajador tiene oficina todavía.</translation>
    </message>
    <message>
        <source>Creating the PDF…</source>
        <translation>Creando el PDF…</translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation>Guardar el PDF</translation>
    </message>
    <message>
        <source>PDF saved: %1, in %2.</source>
        <translation>PDF guardado: %1, en %2.</translation>
    </message>
    <message>
        <source>The report could not be shown</source>
        <translation>No se pudo mostrar el informe</translation>
    </message>
    <message>
        <source>No file manager opened on this computer. The PDF is %1: copy this path to open it.</source>
        <translation>No se abrió ningún administrador de archivos en este equipo. El PDF es %1: copie esta ruta para abrirlo.</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <source>The report could not be made</source>
        <translation>No se pudo crear el informe</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a Backup</source>
        <translation>Restaurar desde una copia de seguridad</translation>
    </message>
    <message>
        <source>Choose the backup to go back to. What CFPM Coach holds now is backed up first, so a restore can be undone by restoring that copy.</source>
        <translation>Elija la copia a la que quiere volver. Antes se hace una copia de lo que CFPM Coach tiene ahora, así que una restauración se puede deshacer restaurando esa copia.</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <source>There are no backups in the data folder yet.</source>
        <translation>Todavía no hay copias en la carpeta de datos.</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>Elegir un archivo…</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Elegir una copia</translation>
    </message>
    <message>
        <source>CFPM Coach backup (*.sqlite3)</source>
        <translation>Copia de CFPM Coach (*.sqlite3)</translation>
    </message>
    <message>
        <source>That file is not a backup</source>
        <translation>Ese archivo no es una copia de seguridad</translation>
    </message>
</context>
<context>
    <name>SecurityFlow</name>
    <message>
        <source>&amp;Passphrase…</source>
        <translation>&amp;Frase de contraseña…</translation>
    </message>
    <message>
        <source>Encrypt your data behind a passphrase, or change or remove it</source>
        <translation>Cifrar sus datos con una frase de contraseña, o cambiarla o quitarla</translation>
    </message>
    <message>
        <source>That passphrase does not open your data. Check Caps Lock and try again.</source>
        <translation>Esa frase no abre sus datos. Revise Bloq Mayús e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Opening your encrypted data…</source>
        <translation>Abriendo sus datos cifrados…</translation>
    </message>
    <message>
        <source>Encrypting your data…</source>
        <translation>Cifrando sus datos…</translation>
    </message>
    <message>
        <source>Your data and its backups are encrypted under the new passphrase.</source>
        <translation>Sus datos y sus copias están cifrados con la frase nueva.</translation>
    </message>
    <message>
        <source>Your data is no longer encrypted.</source>
        <translation>Sus datos ya no están cifrados.</translation>
    </message>
    <message>
        <source>The passphrase was not changed</source>
        <translation>La frase de contraseña no se cambió</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Coach profile</source>
        <translation>Perfil del coach</translation>
    </message>
    <message>
        <source>Observations</source>
        <translation>Observaciones</translation>
    </message>
    <message>
        <source>&amp;Practice instrument</source>
        <translation>Instrumento de &amp;práctica</translation>
    </message>
    <message>
        <source>Default instrument</source>
        <translation>Instrumento predeterminado</translation>
    </message>
    <message>
        <source>What New observation offers first</source>
        <translation>Lo que Nueva observación ofrece primero</translation>
    </message>
    <message>
        <source>The practice instrument</source>
        <translation>El instrumento de práctica</translation>
    </message>
    <message>
        <source>Default &amp;instrument</source>
        <translation>&amp;Instrumento predeterminado</translation>
    </message>
    <message>
        <source> weeks</source>
        <translation> semanas</translation>
    </message>
    <message>
        <source>Not observed for</source>
        <translation>Sin observar desde hace</translation>
    </message>
    <message>
        <source>Coming up lists workers not observed for this long</source>
        <translation>Próximamente muestra a los trabajadores sin observar desde hace este tiempo</translation>
    </message>
    <message>
        <source>&amp;Not observed for</source>
        <translation>&amp;Sin observar desde hace</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source>Lock after idle</source>
        <translation>Bloquear tras inactividad</translation>
    </message>
    <message>
        <source>Hide the window&apos;s content after this long without use</source>
        <translation>Ocultar el contenido de la ventana tras este tiempo sin uso</translation>
    </message>
    <message>
        <source>&amp;Lock after idle</source>
        <translation>&amp;Bloquear tras inactividad</translation>
    </message>
    <message>
        <source>Underline &amp;misspelled words in notes</source>
        <translation>Subrayar las palabras &amp;mal escritas en las notas</translation>
    </message>
    <message>
        <source>Checks notes in the language CFPM Coach shows; right-click an underlined word for corrections</source>
        <translation>Revisa las notas en el idioma en que se muestra CFPM Coach; haga clic derecho en una palabra subrayada para ver correcciones</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>El del sistema</translation>
    </message>
    <message>
        <source>Takes effect the next time CFPM Coach starts</source>
        <translation>Se aplica la próxima vez que se inicie CFPM Coach</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <source>Colour scheme</source>
        <translation>Esquema de colores</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Igual que el sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Colour sc&amp;heme</source>
        <translation>Es&amp;quema de colores</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Tamaño del texto</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>Grande</translation>
    </message>
    <message>
        <source>Larger</source>
        <translation>Más grande</translation>
    </message>
    <message>
        <source>&amp;Text size</source>
        <translation>&amp;Tamaño del texto</translation>
    </message>
    <message>
        <source>Density</source>
        <translation>Densidad</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Estándar</translation>
    </message>
    <message>
        <source>Touch (larger buttons for a finger)</source>
        <translation>Táctil (botones más grandes para el dedo)</translation>
    </message>
    <message>
        <source>&amp;Density</source>
        <translation>Densid&amp;ad</translation>
    </message>
    <message>
        <source>Practice instrument</source>
        <translation>Instrumento de práctica</translation>
    </message>
    <message>
        <source>The instrument whose elements the worker list, trends, suggested focus and goals show, and that New observation offers first</source>
        <translation>El instrumento cuyos elementos muestran la lista de trabajadores, las tendencias, el enfoque sugerido y las metas, y el que Nueva observación ofrece primero</translation>
    </message>
    <message>
        <source> — earlier version</source>
        <translation> — versión anterior</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <source>New observation</source>
        <translation>Nueva observación</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Trabajador</translation>
    </message>
    <message>
        <source>New worker…</source>
        <translation>Nuevo trabajador…</translation>
    </message>
    <message>
        <source>Create a new worker</source>
        <translation>Crear un trabajador nuevo</translation>
    </message>
    <message>
        <source>&amp;Worker</source>
        <translation>&amp;Trabajador</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrumento</translation>
    </message>
    <message>
        <source> — earlier version</source>
        <translation> — versión anterior</translation>
    </message>
    <message>
        <source>&amp;Instrument</source>
        <translation>&amp;Instrumento</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <source>&amp;Setting</source>
        <translation>&amp;Entorno</translation>
    </message>
    <message>
        <source>Casework component</source>
        <translation>Componente del trabajo de caso</translation>
    </message>
    <message>
        <source>Optional: the phase of the work with the family this visit belonged to.</source>
        <translation>Opcional: la fase del trabajo con la familia a la que perteneció esta visita.</translation>
    </message>
    <message>
        <source>Not stated</source>
        <translation>Sin indicar</translation>
    </message>
    <message>
        <source>Casewor&amp;k component</source>
        <translation>Co&amp;mponente del trabajo de caso</translation>
    </message>
    <message>
        <source>Date and start time</source>
        <translation>Fecha y hora de inicio</translation>
    </message>
    <message>
        <source>&amp;Date and start</source>
        <translation>&amp;Fecha e inicio</translation>
    </message>
    <message>
        <source>Optional, e.g. a case number</source>
        <translation>Opcional, p. ej. un número de caso</translation>
    </message>
    <message>
        <source>Case reference</source>
        <translation>Referencia de caso</translation>
    </message>
    <message>
        <source>&amp;Case reference</source>
        <translation>&amp;Referencia de caso</translation>
    </message>
    <message>
        <source>⚠ Never type a child&apos;s or family&apos;s name here: a case number only. It stays on this laptop unless an export is told to include it.</source>
        <translation>⚠ Nunca escriba aquí el nombre de un niño o de una familia: solo un número de caso. Se queda en esta computadora salvo que una exportación indique incluirlo.</translation>
    </message>
    <message>
        <source>Optional: another coach rating this visit</source>
        <translation>Opcional: otro coach que califica esta visita</translation>
    </message>
    <message>
        <source>Co-observer</source>
        <translation>Co-observador</translation>
    </message>
    <message>
        <source>C&amp;o-observer</source>
        <translation>C&amp;o-observador</translation>
    </message>
    <message>
        <source>Both coaches type the same code</source>
        <translation>Ambos coaches escriben el mismo código</translation>
    </message>
    <message>
        <source>Pair code</source>
        <translation>Código de pareja</translation>
    </message>
    <message>
        <source>When two coaches rate the same visit, one makes a code and the other types it: the two observations are then compared for agreement.</source>
        <translation>Cuando dos coaches califican la misma visita, uno genera un código y el otro lo escribe: luego se comparan las dos observaciones para medir la concordancia.</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>Código nuevo</translation>
    </message>
    <message>
        <source>Make a new pair code</source>
        <translation>Generar un código de pareja nuevo</translation>
    </message>
    <message>
        <source>&amp;Pair code</source>
        <translation>Código de &amp;pareja</translation>
    </message>
    <message>
        <source>Start observing</source>
        <translation>Empezar a observar</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Oficina</translation>
    </message>
    <message>
        <source>The office assessed</source>
        <translation>La oficina evaluada</translation>
    </message>
    <message>
        <source>County</source>
        <translation>Condado</translation>
    </message>
    <message>
        <source>O&amp;ffice</source>
        <translation>Ofi&amp;cina</translation>
    </message>
    <message>
        <source>Implementation stage</source>
        <translation>Etapa de implementación</translation>
    </message>
    <message>
        <source>Where the office stands in putting the practice model in place.</source>
        <translation>En qué punto está la oficina en la implementación del modelo de práctica.</translation>
    </message>
    <message>
        <source>Implementation s&amp;tage</source>
        <translation>Etapa de imp&amp;lementación</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nuevo</translation>
    </message>
</context>
<context>
    <name>SyncFlow</name>
    <message>
        <source>Sync status</source>
        <translation>Estado de la sincronización</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>Sincro&amp;nizar ahora</translation>
    </message>
    <message>
        <source>Send what changed to the central team now (F9)</source>
        <translation>Enviar ahora lo que cambió al equipo central (F9)</translation>
    </message>
    <message>
        <source>Sync &amp;status…</source>
        <translation>&amp;Estado de la sincronización…</translation>
    </message>
    <message>
        <source>Sync se&amp;ttings…</source>
        <translation>Con&amp;figuración de sincronización…</translation>
    </message>
    <message>
        <source>Sync: sending…</source>
        <translation>Sincronización: enviando…</translation>
    </message>
    <message>
        <source>Sync did not run</source>
        <translation>La sincronización no se realizó</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sync with the central team&lt;/b&gt;</source>
        <translation>&lt;b&gt;Sincronización con el equipo central&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Sync with the central team</source>
        <translation>Sincronización con el equipo central</translation>
    </message>
    <message>
        <source>Changes are sealed into a bundle that waits in your outbox until the hub confirms it. Nothing is lost when you are offline.</source>
        <translation>Los cambios se sellan en un paquete que espera en su bandeja de salida hasta que el hub lo confirma. No se pierde nada cuando está sin conexión.</translation>
    </message>
    <message>
        <source>Sends to</source>
        <translation>Envía a</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Last sent</source>
        <translation>Último envío</translation>
    </message>
    <message>
        <source>Last receipt</source>
        <translation>Último acuse</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>Sincronizando</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Refused by the hub (kept aside; their records travel again in the next bundle):</source>
        <translation>Rechazados por el hub (guardados aparte; sus registros viajan de nuevo en el próximo paquete):</translation>
    </message>
    <message>
        <source>Bundles refused by the hub</source>
        <translation>Paquetes rechazados por el hub</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizar ahora</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>C&amp;onfiguración…</translation>
    </message>
    <message>
        <source>Not set up yet: choose Settings to enter the hub&apos;s address or a shared folder.</source>
        <translation>Aún sin configurar: elija Configuración para indicar la dirección del hub o una carpeta compartida.</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
</context>
<context>
    <name>SyncSettingsDialog</name>
    <message>
        <source>Your records go to the central team sealed with their key. Ask them for the hub&apos;s address and your enrollment token, or use a shared folder.</source>
        <translation>Sus registros llegan al equipo central sellados con su clave. Pídales la dirección del hub y su token de inscripción, o use una carpeta compartida.</translation>
    </message>
    <message>
        <source>&amp;Join your team with an invitation code…</source>
        <translation>&amp;Unirse a su equipo con un código de invitación…</translation>
    </message>
    <message>
        <source>Central &amp;hub</source>
        <translation>&amp;Hub central</translation>
    </message>
    <message>
        <source>Shared &amp;folder</source>
        <translation>&amp;Carpeta compartida</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>Enviar a</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Dirección del hub</translation>
    </message>
    <message>
        <source>Hub &amp;address</source>
        <translation>&amp;Dirección del hub</translation>
    </message>
    <message>
        <source>Enrollment token</source>
        <translation>Token de inscripción</translation>
    </message>
    <message>
        <source>Enrollment &amp;token</source>
        <translation>&amp;Token de inscripción</translation>
    </message>
    <message>
        <source>Shared folder</source>
        <translation>Carpeta compartida</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Choose the shared folder</source>
        <translation>Elegir la carpeta compartida</translation>
    </message>
    <message>
        <source>Shared f&amp;older</source>
        <translation>Carpeta c&amp;ompartida</translation>
    </message>
    <message>
        <source>Central team&apos;s public key</source>
        <translation>Clave pública del equipo central</translation>
    </message>
    <message>
        <source>Team&apos;s &amp;key</source>
        <translation>&amp;Clave del equipo</translation>
    </message>
    <message>
        <source>This &amp;laptop&apos;s key</source>
        <translation>Clave de este &amp;portátil</translation>
    </message>
    <message>
        <source>Sync by itself when a connection is available</source>
        <translation>Sincronizar sola cuando haya conexión</translation>
    </message>
    <message>
        <source>Sync Settings</source>
        <translation>Configuración de sincronización</translation>
    </message>
    <message>
        <source>Send this to your central team once, so they can enroll this laptop and trust what it sends. It is public: sharing it is safe.</source>
        <translation>Envíela una vez a su equipo central para que registre este portátil y confíe en lo que envía. Es pública: compartirla es seguro.</translation>
    </message>
    <message>
        <source>This address is not encrypted (http://): your enrollment token would cross the network readable by anyone on the way. Give the hub&apos;s https:// address; http:// works only for a hub on this computer (localhost).</source>
        <translation>Esta dirección no está cifrada (http://): su token de inscripción cruzaría la red legible para cualquiera en el camino. Indique la dirección https:// del hub; http:// solo sirve para un hub en este equipo (localhost).</translation>
    </message>
    <message>
        <source>This is not a hub address. Give the hub&apos;s web address, starting with https:// (for example https://hub.example.org).</source>
        <translation>Esto no es una dirección de hub. Indique la dirección web del hub, que empieza por https:// (por ejemplo https://hub.example.org).</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>Sincronizar cada</translation>
    </message>
    <message>
        <source>Sync &amp;every</source>
        <translation>Sincronizar &amp;cada</translation>
    </message>
</context>
<context>
    <name>ToolsFlow</name>
    <message>
        <source>Sealing the bundle…</source>
        <translation>Sellando el paquete…</translation>
    </message>
    <message>
        <source>Nothing was exported: %1 Check the folder (is the USB stick still in?) and press Export again.</source>
        <translation>No se exportó nada: %1 Revise la carpeta (¿sigue puesta la memoria USB?) y pulse Exportar de nuevo.</translation>
    </message>
    <message>
        <source>Bundle written for the central team: %1 (%2 records), in %3.</source>
        <translation>Paquete escrito para el equipo central: %1 (%2 registros), en %3.</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <source>%4 bundles written for the central team (%2 records), in %3; the last is %1. Hand over all of them.</source>
        <translation>%4 paquetes escritos para el equipo central (%2 registros), en %3; el último es %1. Entregue todos.</translation>
    </message>
    <message>
        <source>No file manager opened on this computer. The bundle is in %1: open that folder yourself, or copy its path from here.</source>
        <translation>No se abrió ningún explorador de archivos en este equipo. El paquete está en %1: abra esa carpeta usted mismo/a o copie su ruta desde aquí.</translation>
    </message>
    <message>
        <source>Back up your data</source>
        <translation>Hacer una copia de seguridad de sus datos</translation>
    </message>
    <message>
        <source>CFPM Coach backup (*.sqlite3)</source>
        <translation>Copia de CFPM Coach (*.sqlite3)</translation>
    </message>
    <message>
        <source>Backup written to %s</source>
        <translation>Copia escrita en %s</translation>
    </message>
    <message>
        <source>The new language is used the next time CFPM Coach starts.</source>
        <translation>El nuevo idioma se usará la próxima vez que se inicie CFPM Coach.</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>Practice element trend</source>
        <translation>Tendencia de los elementos de práctica</translation>
    </message>
    <message>
        <source>No finalized practice observations yet.</source>
        <translation>Aún no hay observaciones de práctica finalizadas.</translation>
    </message>
    <message>
        <source>Latest month: </source>
        <translation>Último mes: </translation>
    </message>
    <message>
        <source>The trend appears after the first finalized observation.</source>
        <translation>La tendencia aparece después de la primera observación finalizada.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock CFPM Coach</source>
        <translation>Desbloquear CFPM Coach</translation>
    </message>
    <message>
        <source>Your coaching data is encrypted. Type your passphrase to open it.</source>
        <translation>Sus datos de coaching están cifrados. Escriba su frase de contraseña para abrirlos.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to CFPM Coach</source>
        <translation>Bienvenido/a a CFPM Coach</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Bienvenido/a&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>CFPM Coach helps you observe practice behaviors of the Child and Family Practice Model in the field, rate them with short evidence notes, and coach on them. Everything is saved on this laptop as you go, with or without a connection. &lt;b&gt;No child or family names belong here&lt;/b&gt;: the records are about staff practice.</source>
        <translation>CFPM Coach le ayuda a observar en el terreno las conductas de práctica del Modelo de Práctica con Niños y Familias, calificarlas con notas breves de evidencia y dar coaching sobre ellas. Todo se guarda en esta computadora sobre la marcha, con o sin conexión. &lt;b&gt;Aquí no van nombres de niños ni de familias&lt;/b&gt;: los registros tratan de la práctica del personal.</translation>
    </message>
    <message>
        <source>About you</source>
        <translation>Sobre usted</translation>
    </message>
    <message>
        <source>As your reports should show it</source>
        <translation>Como debe aparecer en sus informes</translation>
    </message>
    <message>
        <source>e.g. Practice coach, Supervisor</source>
        <translation>p. ej. Coach de práctica, Supervisor(a)</translation>
    </message>
    <message>
        <source>Optional (all of these are in the menus later)</source>
        <translation>Opcional (todo esto está después en los menús)</translation>
    </message>
    <message>
        <source>&amp;Protect my data with a passphrase</source>
        <translation>&amp;Proteger mis datos con una frase de contraseña</translation>
    </message>
    <message>
        <source>Encrypts the data file and its backups; recommended on a laptop that leaves the office</source>
        <translation>Cifra el archivo de datos y sus copias; recomendado en una computadora que sale de la oficina</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message numerus="yes">
        <source>Passphrase (at least %n characters)</source>
        <translation>
            <numerusform>Frase de contraseña (al menos %n carácter)</numerusform>
            <numerusform>Frase de contraseña (al menos %n caracteres)</numerusform>
        </translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Repita la frase de contraseña</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Repítala</translation>
    </message>
    <message>
        <source>&amp;Explore sample data first, in a separate demo window</source>
        <translation>&amp;Explorar primero datos de ejemplo, en una ventana de demostración aparte</translation>
    </message>
    <message>
        <source>Never mixed with your data, never synced, and removed in one click</source>
        <translation>Nunca se mezclan con sus datos, nunca se sincronizan y se eliminan con un clic</translation>
    </message>
    <message>
        <source>Set up &amp;sync with the central team now</source>
        <translation>Configurar ahora la &amp;sincronización con el equipo central</translation>
    </message>
    <message>
        <source>You need the hub address and token from your central team; File &gt; Sync settings does the same later</source>
        <translation>Necesita la dirección del hub y el token de su equipo central; Archivo &gt; Configuración de sincronización hace lo mismo más tarde</translation>
    </message>
    <message>
        <source>&amp;Join your team with an invitation code now</source>
        <translation>&amp;Unirse ahora a su equipo con un código de invitación</translation>
    </message>
    <message>
        <source>The central team sends you a code or link; this laptop then sets up sync by itself</source>
        <translation>El equipo central le envía un código o un enlace; este portátil configura entonces la sincronización por sí solo</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Empezar</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Más tarde</translation>
    </message>
    <message>
        <source>Your name is needed for the reports you print.</source>
        <translation>Su nombre es necesario para los informes que imprima.</translation>
    </message>
    <message numerus="yes">
        <source>The passphrase needs at least %n characters.</source>
        <translation>
            <numerusform>La frase de contraseña necesita al menos %n carácter.</numerusform>
            <numerusform>La frase de contraseña necesita al menos %n caracteres.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Las dos frases no coinciden.</translation>
    </message>
</context>
<context>
    <name>WorkerDialog</name>
    <message>
        <source>Edit Worker</source>
        <translation>Editar trabajador</translation>
    </message>
    <message>
        <source>Add Worker</source>
        <translation>Agregar trabajador</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>Worker name</source>
        <translation>Nombre del trabajador</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Cargo</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Cargo</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>&amp;Unidad</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>&amp;Office</source>
        <translation>&amp;Oficina</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Oficina</translation>
    </message>
    <message>
        <source>&amp;County</source>
        <translation>Con&amp;dado</translation>
    </message>
    <message>
        <source>County</source>
        <translation>Condado</translation>
    </message>
    <message>
        <source>Staff being coached only: never a child&apos;s or family&apos;s name.</source>
        <translation>Solo personal que recibe coaching: nunca el nombre de un niño o de una familia.</translation>
    </message>
</context>
<context>
    <name>WorkerPage</name>
    <message>
        <source>Select a worker on the left, or add one with File › Add worker (Ctrl+Shift+N).</source>
        <translation>Seleccione un trabajador a la izquierda, o agregue uno con Archivo › Agregar trabajador (Ctrl+Mayús+N).</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>Coaching summary…</source>
        <translation>Resumen de coaching…</translation>
    </message>
    <message>
        <source>This worker&apos;s coaching summary as PDF (Ctrl+R)</source>
        <translation>El resumen de coaching de este trabajador en PDF (Ctrl+R)</translation>
    </message>
    <message>
        <source>New observation</source>
        <translation>Nueva observación</translation>
    </message>
    <message>
        <source>Observations</source>
        <translation>Observaciones</translation>
    </message>
    <message>
        <source>Observation history</source>
        <translation>Historial de observaciones</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Metas</translation>
    </message>
    <message>
        <source>Coaching goals</source>
        <translation>Metas de coaching</translation>
    </message>
    <message>
        <source>Mark goal met</source>
        <translation>Marcar meta cumplida</translation>
    </message>
    <message>
        <source>Reopen goal</source>
        <translation>Reabrir meta</translation>
    </message>
    <message>
        <source>Drop goal</source>
        <translation>Descartar meta</translation>
    </message>
    <message>
        <source>Practice elements over time (share %1)</source>
        <translation>Elementos de práctica en el tiempo (porcentaje %1)</translation>
    </message>
    <message>
        <source> (inactive)</source>
        <translation> (inactivo)</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reactivar</translation>
    </message>
    <message>
        <source>N/O</source>
        <translation>S/O</translation>
    </message>
</context>
<context>
    <name>WorkerPicker</name>
    <message>
        <source>Type part of a name or office</source>
        <translation>Escriba parte de un nombre o de una oficina</translation>
    </message>
    <message>
        <source>Choose a worker: type part of a name or office, then pick one from the list with the arrow keys and Enter.</source>
        <translation>Elija un trabajador: escriba parte de un nombre o de una oficina y elija uno de la lista con las flechas e Intro.</translation>
    </message>
    <message>
        <source>No worker&apos;s name or office contains “%1”.</source>
        <translation>Ningún trabajador tiene «%1» en su nombre ni en su oficina.</translation>
    </message>
    <message>
        <source>%1 workers match “%2”: pick one from the list with the arrow keys and Enter.</source>
        <translation>%1 trabajadores coinciden con «%2»: elija uno de la lista con las flechas e Intro.</translation>
    </message>
</context>
<context>
    <name>WorkersModel</name>
    <message>
        <source> (inactive)</source>
        <translation> (inactivo)</translation>
    </message>
    <message>
        <source>Latest finalized observation, share %1:</source>
        <translation>Última observación finalizada, porcentaje %1:</translation>
    </message>
    <message>
        <source>No finalized practice observation yet</source>
        <translation>Aún no hay observación de práctica finalizada</translation>
    </message>
</context>
<context>
    <name>WorkersPanel</name>
    <message>
        <source>Search workers (Ctrl+F)</source>
        <translation>Buscar trabajadores (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search workers</source>
        <translation>Buscar trabajadores</translation>
    </message>
    <message>
        <source>Office filter</source>
        <translation>Filtro de oficina</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>Todas las oficinas</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactivos</translation>
    </message>
    <message>
        <source>Show workers who are no longer active</source>
        <translation>Mostrar trabajadores que ya no están activos</translation>
    </message>
    <message>
        <source>Show inactive workers</source>
        <translation>Mostrar trabajadores inactivos</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Trabajadores</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>CFPM Coach cannot start</source>
        <translation>CFPM Coach no puede iniciarse</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>Worker</source>
        <translation>Trabajador</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>Observación</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Calificación</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>Amendment</source>
        <translation>Enmienda</translation>
    </message>
    <message>
        <source>Coach profile</source>
        <translation>Perfil del coach</translation>
    </message>
    <message>
        <source>create</source>
        <translation>crear</translation>
    </message>
    <message>
        <source>update</source>
        <translation>modificar</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>eliminar</translation>
    </message>
    <message>
        <source>restore</source>
        <translation>restaurar</translation>
    </message>
    <message>
        <source>finalize</source>
        <translation>finalizar</translation>
    </message>
    <message>
        <source>amend</source>
        <translation>enmendar</translation>
    </message>
    <message>
        <source>close amendment</source>
        <translation>cerrar enmienda</translation>
    </message>
    <message>
        <source>finalize amendment</source>
        <translation>finalizar enmienda</translation>
    </message>
    <message>
        <source>evidence note</source>
        <translation>nota de evidencia</translation>
    </message>
    <message>
        <source>rating</source>
        <translation>calificación</translation>
    </message>
    <message>
        <source>strengths</source>
        <translation>fortalezas</translation>
    </message>
    <message>
        <source>growth areas</source>
        <translation>áreas de crecimiento</translation>
    </message>
    <message>
        <source>next steps</source>
        <translation>próximos pasos</translation>
    </message>
    <message>
        <source>goal text</source>
        <translation>texto de la meta</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>motivo</translation>
    </message>
    <message>
        <source>case reference</source>
        <translation>referencia del caso</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>eliminado</translation>
    </message>
    <message>
        <source>behaviors</source>
        <translation>conductas</translation>
    </message>
    <message>
        <source>due date</source>
        <translation>fecha límite</translation>
    </message>
    <message>
        <source>finalized at</source>
        <translation>finalizada el</translation>
    </message>
    <message>
        <source>start</source>
        <translation>inicio</translation>
    </message>
    <message>
        <source>end</source>
        <translation>fin</translation>
    </message>
    <message>
        <source>pair code</source>
        <translation>código de pareja</translation>
    </message>
    <message>
        <source>casework component</source>
        <translation>componente del trabajo de caso</translation>
    </message>
    <message>
        <source>office</source>
        <translation>oficina</translation>
    </message>
    <message>
        <source>county</source>
        <translation>condado</translation>
    </message>
    <message>
        <source>implementation stage</source>
        <translation>etapa de implementación</translation>
    </message>
    <message>
        <source>co-observer</source>
        <translation>co-observador</translation>
    </message>
    <message>
        <source>worker</source>
        <translation>trabajador</translation>
    </message>
    <message>
        <source>coach</source>
        <translation>coach</translation>
    </message>
    <message>
        <source>observation</source>
        <translation>observación</translation>
    </message>
    <message>
        <source>behavior</source>
        <translation>conducta</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>abierta</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>cerrada</translation>
    </message>
    <message>
        <source>instrument</source>
        <translation>instrumento</translation>
    </message>
    <message>
        <source>version</source>
        <translation>versión</translation>
    </message>
    <message>
        <source>instrument content</source>
        <translation>contenido del instrumento</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>entorno</translation>
    </message>
    <message>
        <source>status</source>
        <translation>estado</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>role</source>
        <translation>cargo</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>unidad</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Could not do that</source>
        <translation>No se pudo hacer</translation>
    </message>
</context>
<context>
    <name>faults</name>
    <message>
        <source>the bundle could not be written</source>
        <translation>no se pudo escribir el paquete</translation>
    </message>
    <message>
        <source>the CSV files could not be written</source>
        <translation>no se pudieron escribir los archivos CSV</translation>
    </message>
    <message>
        <source>the data could not be opened</source>
        <translation>no se pudieron abrir los datos</translation>
    </message>
    <message>
        <source>the data could not be upgraded</source>
        <translation>no se pudieron actualizar los datos</translation>
    </message>
    <message>
        <source>the data could not be checked</source>
        <translation>no se pudieron comprobar los datos</translation>
    </message>
    <message>
        <source>the data could not be read</source>
        <translation>no se pudieron leer los datos</translation>
    </message>
    <message>
        <source>the change could not be saved</source>
        <translation>no se pudo guardar el cambio</translation>
    </message>
    <message>
        <source>the backup could not be written</source>
        <translation>no se pudo escribir la copia de seguridad</translation>
    </message>
    <message>
        <source>the backup could not be restored</source>
        <translation>no se pudo restaurar la copia de seguridad</translation>
    </message>
    <message>
        <source>today&apos;s automatic backup could not be written</source>
        <translation>no se pudo escribir la copia de seguridad automática de hoy</translation>
    </message>
    <message>
        <source>the bundle could not be stored</source>
        <translation>no se pudo guardar el paquete</translation>
    </message>
    <message>
        <source>The disk is full: %1, and nothing was changed. Everything saved before is safe. Free some space on the drive that holds %2, then try again.</source>
        <translation>El disco está lleno: %1, y no se cambió nada. Todo lo guardado antes está a salvo. Libere espacio en la unidad que contiene %2 y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>%1 cannot be written (a read-only drive or folder, or no permission): %2, and nothing was changed. Check its permissions, or start CFPM Coach with another data folder (--data-dir).</source>
        <translation>No se puede escribir en %1 (una unidad o carpeta de solo lectura, o sin permiso): %2, y no se cambió nada. Revise sus permisos o inicie CFPM Coach con otra carpeta de datos (--data-dir).</translation>
    </message>
    <message>
        <source>The data file %1 is in use by another program (perhaps CFPM Coach in another window, or a backup or sync tool): %2, and nothing was changed. Close the other program, then try again.</source>
        <translation>Otro programa está usando el archivo de datos %1 (quizás CFPM Coach en otra ventana, o una herramienta de copia de seguridad o de sincronización): %2, y no se cambió nada. Cierre el otro programa y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>%1 is not a folder (a file has that name, or a part of the path is a file): %2, and nothing was changed. Choose a folder, then try again.</source>
        <translation>%1 no es una carpeta (un archivo tiene ese nombre, o una parte de la ruta es un archivo): %2, y no se cambió nada. Elija una carpeta y vuelva a intentarlo.</translation>
    </message>
</context>
<context>
    <name>instance</name>
    <message>
        <source>CFPM Coach is already open on the data folder %1 in another window. Switch to that window, or close it and start again; nothing was changed.</source>
        <translation>CFPM Coach ya está abierto con la carpeta de datos %1 en otra ventana. Cambie a esa ventana, o ciérrela y vuelva a empezar; no se cambió nada.</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Items</source>
        <translation>Ítems</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>Exacta</translation>
    </message>
    <message>
        <source>Within 1</source>
        <translation>A un punto</translation>
    </message>
    <message>
        <source>Behavior</source>
        <translation>Conducta</translation>
    </message>
    <message>
        <source>Mean diff.</source>
        <translation>Dif. media</translation>
    </message>
    <message>
        <source>The behaviors coaches rated least alike across every co-observed visit, first the lowest exact agreement, then the largest mean difference in scale points. Talk these through with anchors and examples before the next round.</source>
        <translation>Las conductas que los coaches calificaron de forma menos parecida en todas las visitas observadas en pareja: primero la menor concordancia exacta, luego la mayor diferencia media en puntos de la escala. Conversen sobre ellas con anclas y ejemplos antes de la próxima ronda.</translation>
    </message>
    <message>
        <source>Coaches</source>
        <translation>Coaches</translation>
    </message>
    <message>
        <source>Visits / month</source>
        <translation>Visitas / mes</translation>
    </message>
    <message>
        <source>%1 visits</source>
        <translation>%1 visitas</translation>
    </message>
    <message>
        <source>Each pair of coaches over all the visits they rated together, then month by month. Exact and within-one count the behaviors both scored; Cohen&apos;s weighted kappa corrects for chance agreement (1 perfect, 0 chance, below 0 worse than chance).</source>
        <translation>Cada pareja de coaches en todas las visitas que calificaron juntos y luego mes a mes. La concordancia exacta y a un punto cuentan las conductas que ambos puntuaron; la kappa ponderada de Cohen corrige la concordancia por azar (1 perfecta, 0 azar, menos de 0 peor que el azar).</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Trabajador</translation>
    </message>
    <message>
        <source>Krippendorff&apos;s alpha (ordinal) is given for visits rated by more than two coaches.</source>
        <translation>La alfa de Krippendorff (ordinal) se da para las visitas calificadas por más de dos coaches.</translation>
    </message>
    <message>
        <source>Inter-rater agreement</source>
        <translation>Concordancia entre evaluadores</translation>
    </message>
    <message>
        <source>%1: agreement between coaches</source>
        <translation>%1: concordancia entre coaches</translation>
    </message>
    <message>
        <source>No finished observations in this period.</source>
        <translation>No hay observaciones terminadas en este período.</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>Visita al hogar</translation>
    </message>
    <message>
        <source>Child and Family Team meeting</source>
        <translation>Reunión del Equipo del Niño y la Familia</translation>
    </message>
    <message>
        <source>Office visit</source>
        <translation>Visita en la oficina</translation>
    </message>
    <message>
        <source>Phone or video</source>
        <translation>Teléfono o video</translation>
    </message>
    <message>
        <source>Court</source>
        <translation>Tribunal</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Escuela</translation>
    </message>
    <message>
        <source>Team or unit meeting</source>
        <translation>Reunión de equipo o de unidad</translation>
    </message>
    <message>
        <source>Self-assessment</source>
        <translation>Autoevaluación</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Engagement</source>
        <translation>Vinculación</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Evaluación</translation>
    </message>
    <message>
        <source>Service planning and implementation</source>
        <translation>Planificación e implementación de servicios</translation>
    </message>
    <message>
        <source>Monitoring and adapting</source>
        <translation>Seguimiento y adaptación</translation>
    </message>
    <message>
        <source>Transition</source>
        <translation>Transición</translation>
    </message>
    <message>
        <source>Exploration</source>
        <translation>Exploración</translation>
    </message>
    <message>
        <source>Installation</source>
        <translation>Instalación</translation>
    </message>
    <message>
        <source>Initial implementation</source>
        <translation>Implementación inicial</translation>
    </message>
    <message>
        <source>Full implementation</source>
        <translation>Implementación completa</translation>
    </message>
    <message>
        <source>%1 (casework component: %2)</source>
        <translation>%1 (componente del trabajo de caso: %2)</translation>
    </message>
    <message>
        <source>Coach</source>
        <translation>Coach</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor(a)</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>Behaviors</source>
        <translation>Conductas</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Cumplida</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Descartada</translation>
    </message>
    <message>
        <source>Confidential coaching record</source>
        <translation>Registro de coaching confidencial</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>página %1 de %2</translation>
    </message>
    <message>
        <source>Generated %1</source>
        <translation>Generado el %1</translation>
    </message>
    <message>
        <source>%1, version %2: %3</source>
        <translation>%1, versión %2: %3</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 pts</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>Self</source>
        <translation>Uno mismo</translation>
    </message>
    <message>
        <source>Others</source>
        <translation>Otros</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>Calificaciones</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>Brecha</translation>
    </message>
    <message>
        <source>Share of behaviors rated %1. Self: the latest self-assessment. Others: every coach&apos;s or staff member&apos;s rating in the last year. A positive gap: the leader rates themselves higher than others do. Ratings: how many ratings by others each figure rests on.</source>
        <translation>Porcentaje de conductas calificadas como %1. Uno mismo: la autoevaluación más reciente. Otros: todas las calificaciones de coaches o personal en el último año. Una brecha positiva: el líder se califica más alto que los demás. Calificaciones: en cuántas calificaciones de otros se basa cada cifra.</translation>
    </message>
    <message>
        <source>Self: the latest self-rating (1 to 3). Others: the mean of others&apos; ratings in the last year.</source>
        <translation>Uno mismo: la autocalificación más reciente (1 a 3). Otros: la media de las calificaciones de otros en el último año.</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Trimestre</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>aún ninguna</translation>
    </message>
    <message>
        <source>%1 in the last year</source>
        <translation>%1 en el último año</translation>
    </message>
    <message>
        <source>Leadership self vs others: %1</source>
        <translation>Liderazgo, uno mismo frente a otros: %1</translation>
    </message>
    <message>
        <source>%1: self vs others</source>
        <translation>%1: uno mismo frente a otros</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Draft (not finalized)</source>
        <translation>Borrador (no finalizado)</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Final</translation>
    </message>
    <message>
        <source>Amended</source>
        <translation>Enmendada</translation>
    </message>
    <message>
        <source>, finalized %1</source>
        <translation>, finalizada el %1</translation>
    </message>
    <message>
        <source>County</source>
        <translation>Condado</translation>
    </message>
    <message>
        <source>Implementation stage</source>
        <translation>Etapa de implementación</translation>
    </message>
    <message>
        <source>Role, unit, office</source>
        <translation>Cargo, unidad, oficina</translation>
    </message>
    <message>
        <source> (co-observer: %1)</source>
        <translation> (co-observador: %1)</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <source>Casework component</source>
        <translation>Componente del trabajo de caso</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrumento</translation>
    </message>
    <message>
        <source>%1, version %2</source>
        <translation>%1, versión %2</translation>
    </message>
    <message>
        <source>Amended %1</source>
        <translation>Enmendada el %1</translation>
    </message>
    <message>
        <source>Observation record</source>
        <translation>Registro de la observación</translation>
    </message>
    <message>
        <source>&lt;b&gt;Overall:&lt;/b&gt; %1 of observed behaviors rated %7 (%2 of %3); mean rating %4. %5 marked no opportunity to observe, %6 not rated.</source>
        <translation>&lt;b&gt;En general:&lt;/b&gt; %1 de las conductas observadas calificadas como %7 (%2 de %3); calificación media %4. %5 marcadas sin oportunidad de observar, %6 sin calificar.</translation>
    </message>
    <message>
        <source>%1 %4 (%2 of %3 observed)</source>
        <translation>%1 %4 (%2 de %3 observadas)</translation>
    </message>
    <message>
        <source>, mean %1</source>
        <translation>, media %1</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Calificación</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Evidencia</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>Sin calificar</translation>
    </message>
    <message>
        <source>Debrief</source>
        <translation>Cierre</translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation>Fortalezas</translation>
    </message>
    <message>
        <source>Growth areas</source>
        <translation>Áreas de crecimiento</translation>
    </message>
    <message>
        <source>Agreed next steps</source>
        <translation>Próximos pasos acordados</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Metas</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Firmas</translation>
    </message>
    <message>
        <source>Observation record: %1, %2</source>
        <translation>Registro de la observación: %1, %2</translation>
    </message>
    <message>
        <source>%1 observation</source>
        <translation>Observación de %1</translation>
    </message>
    <message>
        <source>Obs.</source>
        <translation>Obs.</translation>
    </message>
    <message>
        <source>Share of observed behaviors rated %1 in each worker&apos;s latest finished observation of the period; in brackets the change in points since their first one in the period. Obs. counts finished observations.</source>
        <translation>Porcentaje de conductas observadas calificadas como %1 en la última observación terminada de cada trabajador en el período; entre paréntesis, el cambio en puntos desde la primera del período. Obs. cuenta las observaciones terminadas.</translation>
    </message>
    <message>
        <source>n/c not comparable (the latest observation was rated on an earlier version without this element&apos;s behaviors).</source>
        <translation>n/c no comparable (la última observación se calificó con una versión anterior sin las conductas de este elemento).</translation>
    </message>
    <message>
        <source>Workers by practice element</source>
        <translation>Trabajadores por elemento de práctica</translation>
    </message>
    <message>
        <source>Workers by leadership group</source>
        <translation>Trabajadores por grupo de liderazgo</translation>
    </message>
    <message>
        <source>Not observed in the last %1 days</source>
        <translation>Sin observar en los últimos %1 días</translation>
    </message>
    <message>
        <source>Every active worker was observed recently.</source>
        <translation>Todos los trabajadores activos fueron observados recientemente.</translation>
    </message>
    <message>
        <source>Last observed</source>
        <translation>Última observación</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Behaviors the unit rarely shows</source>
        <translation>Conductas que la unidad rara vez muestra</translation>
    </message>
    <message>
        <source>Observed in</source>
        <translation>Observada en</translation>
    </message>
    <message>
        <source>%1 in</source>
        <translation>%1 en</translation>
    </message>
    <message>
        <source>The %1 behaviors rated %3 in the fewest of the unit&apos;s %2 finished observations; Share is of the observations where each was observed.</source>
        <translation>Las %1 conductas calificadas como %3 en menos de las %2 observaciones terminadas de la unidad; el porcentaje es sobre las observaciones en que se observó cada una.</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Porcentaje</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>A behavior an earlier version lacks is counted over the observations that could rate it.</source>
        <translation>Una conducta que falta en una versión anterior se cuenta sobre las observaciones que podían calificarla.</translation>
    </message>
    <message>
        <source>n/c not comparable: rated only on an earlier version without this behavior.</source>
        <translation>n/c no comparable: calificada solo con una versión anterior sin esta conducta.</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Oficina</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Trabajadores</translation>
    </message>
    <message>
        <source>%1 (%2 active), %3 finished observations in the period</source>
        <translation>%1 (%2 activos), %3 observaciones terminadas en el período</translation>
    </message>
    <message>
        <source>Unit coaching summary</source>
        <translation>Resumen de coaching de la unidad</translation>
    </message>
    <message>
        <source>Unit summary: %1, %2 to %3</source>
        <translation>Resumen de la unidad: %1, %2 a %3</translation>
    </message>
    <message>
        <source>%1: unit summary</source>
        <translation>%1: resumen de la unidad</translation>
    </message>
    <message>
        <source>Observations</source>
        <translation>Observaciones</translation>
    </message>
    <message>
        <source>%1 finished, by setting: %2</source>
        <translation>%1 terminadas, por entorno: %2</translation>
    </message>
    <message>
        <source>Worker coaching summary</source>
        <translation>Resumen de coaching del trabajador</translation>
    </message>
    <message>
        <source>Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec</source>
        <translation>Ene Feb Mar Abr May Jun Jul Ago Sep Oct Nov Dic</translation>
    </message>
    <message>
        <source>n/o</source>
        <translation>s/o</translation>
    </message>
    <message>
        <source>n/c</source>
        <translation>n/c</translation>
    </message>
    <message>
        <source>Each cell is the mean rating that month (%1): green strong, yellow growing, orange emerging; n/o only marked no opportunity; n/c not comparable (rated on an earlier version without this behavior); blank not rated. Obs. counts the ratings that scored.</source>
        <translation>Cada celda es la calificación media de ese mes (%1): verde sólida, amarillo en crecimiento, naranja emergente; s/o solo marcada sin oportunidad; n/c no comparable (calificada con una versión anterior sin esta conducta); en blanco sin calificar. Obs. cuenta las calificaciones que puntuaron.</translation>
    </message>
    <message>
        <source>Deep green: above %1 (a mean at least halfway to the next level).</source>
        <translation>Verde oscuro: por encima de %1 (una media al menos a medio camino del nivel siguiente).</translation>
    </message>
    <message>
        <source>Behaviors by month</source>
        <translation>Conductas por mes</translation>
    </message>
    <message>
        <source>No goals recorded.</source>
        <translation>No hay metas registradas.</translation>
    </message>
    <message>
        <source>not comparable</source>
        <translation>no comparable</translation>
    </message>
    <message>
        <source>Element</source>
        <translation>Elemento</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>Última</translation>
    </message>
    <message>
        <source>First in period</source>
        <translation>Primera del período</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Practice elements over time (share %1)</source>
        <translation>Elementos de práctica en el tiempo (porcentaje %1)</translation>
    </message>
    <message>
        <source>Leadership groups over time (share %1)</source>
        <translation>Grupos de liderazgo en el tiempo (porcentaje %1)</translation>
    </message>
    <message>
        <source>Last agreed next steps (%1)</source>
        <translation>Últimos próximos pasos acordados (%1)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Coaching summary: %1, %2 to %3</source>
        <translation>Resumen de coaching: %1, %2 a %3</translation>
    </message>
    <message>
        <source>%1: worker coaching summary</source>
        <translation>%1: resumen de coaching del trabajador</translation>
    </message>
    <message>
        <source>Implementation supports (share %1)</source>
        <translation>Apoyos a la implementación (porcentaje %1)</translation>
    </message>
    <message>
        <source>Leadership (share at standard)</source>
        <translation>Liderazgo (porcentaje en el estándar)</translation>
    </message>
    <message>
        <source>Practice fidelity by month (share at standard)</source>
        <translation>Fidelidad de la práctica por mes (porcentaje en el estándar)</translation>
    </message>
    <message>
        <source>No implementation-supports assessment yet.</source>
        <translation>Aún no hay evaluación de los apoyos a la implementación.</translation>
    </message>
    <message>
        <source>No leadership observation yet.</source>
        <translation>Aún no hay observación de liderazgo.</translation>
    </message>
    <message>
        <source>No practice observation in the period.</source>
        <translation>No hay observaciones de práctica en el período.</translation>
    </message>
    <message>
        <source>%1 (finalized assessments: %2)</source>
        <translation>%1 (evaluaciones finalizadas: %2)</translation>
    </message>
    <message>
        <source>Not assessed yet: no implementation-supports assessment of this office has been finalized.</source>
        <translation>Aún sin evaluar: no se ha finalizado ninguna evaluación de los apoyos a la implementación de esta oficina.</translation>
    </message>
    <message>
        <source>Last assessed</source>
        <translation>Última evaluación</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <source>workers and leaders: %1; leaders observed on leadership: %2</source>
        <translation>personal y líderes: %1; líderes observados en liderazgo: %2</translation>
    </message>
    <message>
        <source>Instruments</source>
        <translation>Instrumentos</translation>
    </message>
    <message>
        <source>Supports: the latest finalized assessment, share of the rated supports that are %1 (could not be assessed is left out). Leadership: each leader&apos;s latest finalized observation, pooled. Practice: every finalized observation of the office&apos;s workers in the last %2 months, pooled by month.</source>
        <translation>Apoyos: la evaluación finalizada más reciente, porcentaje de los apoyos calificados que están en «%1» (los que no se pudieron evaluar no cuentan). Liderazgo: la observación finalizada más reciente de cada líder, en conjunto. Práctica: todas las observaciones finalizadas del personal de la oficina en los últimos %2 meses, agrupadas por mes.</translation>
    </message>
    <message>
        <source>Where the office stands</source>
        <translation>Situación de la oficina</translation>
    </message>
    <message>
        <source>Where the office stands: %1</source>
        <translation>Situación de la oficina: %1</translation>
    </message>
    <message>
        <source>Implementation supports, leadership and practice</source>
        <translation>Apoyos a la implementación, liderazgo y práctica</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>Enrollment token: paste the token the central team gave you</source>
        <translation>Token de inscripción: pegue el token que le dio el equipo central</translation>
    </message>
    <message>
        <source>Sync every: between 1 minute and 24 hours</source>
        <translation>Sincronizar cada: entre 1 minuto y 24 horas</translation>
    </message>
    <message>
        <source>Sync is not set up: give the team&apos;s public key and a hub address with its token, or a shared folder (Sync settings)</source>
        <translation>La sincronización no está configurada: indique la clave pública del equipo y la dirección de un hub con su token, o una carpeta compartida (Configuración de sincronización)</translation>
    </message>
    <message>
        <source>%1 does not answer; the changes stay in the outbox until it does</source>
        <translation>%1 no responde; los cambios quedan en la bandeja de salida hasta que responda</translation>
    </message>
    <message>
        <source>Shared folder: the invitation file names none; choose the shared folder the central team told you about</source>
        <translation>Carpeta compartida: el archivo de invitación no indica ninguna; elija la carpeta compartida que le indicó el equipo central</translation>
    </message>
    <message>
        <source>Shared folder: %1 is not there (is the network drive connected?); nothing was changed</source>
        <translation>Carpeta compartida: %1 no está disponible (¿está conectada la unidad de red?); no se cambió nada</translation>
    </message>
    <message>
        <source>the connection failed (%1)</source>
        <translation>la conexión falló (%1)</translation>
    </message>
    <message>
        <source>the hub had an error (HTTP %1: %2)</source>
        <translation>el hub tuvo un error (HTTP %1: %2)</translation>
    </message>
    <message>
        <source>The hub does not accept this laptop: %1. Check the enrollment token in Sync settings.</source>
        <translation>El hub no acepta esta computadora: %1. Revise el token de inscripción en la configuración de sincronización.</translation>
    </message>
    <message>
        <source>The hub failed on this bundle %1 times: %2. The bundle stays in the outbox.</source>
        <translation>El hub falló %1 veces con este paquete: %2. El paquete queda en la bandeja de salida.</translation>
    </message>
    <message>
        <source>The hub could not be reached after %1 tries: %2. The bundle stays in the outbox.</source>
        <translation>No se pudo conectar con el hub después de %1 intentos: %2. El paquete queda en la bandeja de salida.</translation>
    </message>
    <message>
        <source>The hub at %1 could not be reached (%2); check the address and the connection, then try again</source>
        <translation>No se pudo conectar con el hub en %1 (%2); revise la dirección y la conexión, y vuelva a intentarlo</translation>
    </message>
    <message>
        <source>The hub at %1 had a problem (%2); try again later</source>
        <translation>El hub en %1 tuvo un problema (%2); vuelva a intentarlo más tarde</translation>
    </message>
    <message>
        <source>The hub did not accept the code: %1</source>
        <translation>El hub no aceptó el código: %1</translation>
    </message>
</context>
</TS>
