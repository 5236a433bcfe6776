/** The alert board page's own read: the hospital's current month and the targets it highlights misses against. */
package org.hospital.surveillance.query.board;
