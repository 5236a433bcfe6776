/** Hospital onset of a culture: day of stay counted in hospital calendar dates. */
package org.hospital.surveillance.rules.labresult;
