/** What the figure read APIs share: reading month buckets written by the figure projections. */
package org.hospital.surveillance.query.support;
